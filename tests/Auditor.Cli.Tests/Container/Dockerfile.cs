using System.Text.Json;
using System.Text.RegularExpressions;

namespace Auditor.Cli.Tests.Container;

/// <summary>A Dockerfile read into stages of instructions (continuation lines joined, comments dropped).</summary>
internal sealed partial record Dockerfile(IReadOnlyList<Dockerfile.Stage> Stages)
{
    public static Dockerfile Load(string path)
    {
        var stages = new List<Stage>();
        var logical = Regex.Replace(File.ReadAllText(path), @"\\\r?\n", " ");
        foreach (var raw in logical.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var keyword = (space < 0 ? line : line[..space]).ToUpperInvariant();
            var argument = space < 0 ? "" : Spaces().Replace(line[(space + 1)..].Trim(), " ");
            if (keyword == "FROM")
            {
                var words = argument.Split(' ').Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToArray();
                stages.Add(new Stage(words[0], words.Length >= 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : "", new List<Instruction>()));
            }
            else if (stages.Count > 0)
            {
                ((List<Instruction>)stages[^1].Instructions).Add(new Instruction(keyword, argument));
            }
        }

        return new Dockerfile(stages);
    }

    public Stage this[string name] => Stages.Single(s => s.Name == name);

    internal sealed record Stage(string Image, string Name, IReadOnlyList<Instruction> Instructions)
    {
        public IEnumerable<string> All(string keyword) => Instructions.Where(i => i.Keyword == keyword).Select(i => i.Argument);

        public string Single(string keyword) => All(keyword).Single();

        /// <summary>The shell commands of every RUN, split at <c>&amp;&amp;</c>.</summary>
        public IReadOnlyList<string> Commands => All("RUN").SelectMany(r => r.Split("&&")).Select(c => c.Trim()).ToList();

        /// <summary>An exec-form instruction (<c>["a", "b"]</c>) as its words.</summary>
        public string[] Exec(string keyword) => JsonSerializer.Deserialize<string[]>(Single(keyword))!;
    }

    internal sealed record Instruction(string Keyword, string Argument);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
