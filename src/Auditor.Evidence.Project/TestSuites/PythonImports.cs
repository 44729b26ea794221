using System.Text.RegularExpressions;

namespace Auditor.Evidence.Project.TestSuites;

/// <summary>The modules a Python file imports ("import a.b", "from a.b import c" gives a.b and a.b.c).</summary>
internal static partial class PythonImports
{
    public static IReadOnlyList<string> Of(string text)
    {
        var modules = new List<string>();
        foreach (Match match in ImportLine().Matches(text))
        {
            if (match.Groups["from"].Success)
            {
                var from = match.Groups["from"].Value.TrimStart('.');
                if (from.Length > 0)
                {
                    modules.Add(from);
                }

                modules.AddRange(match.Groups["names"].Value.Trim('(', ')', ' ').Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(n => n.Split(' ')[0])
                    .Select(n => from.Length == 0 ? n : from + "." + n));
            }
            else
            {
                modules.AddRange(match.Groups["imports"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(n => n.Split(' ')[0]));
            }
        }

        return modules;
    }

    [GeneratedRegex(@"^[ \t]*(?:from[ \t]+(?<from>[\w.]+)[ \t]+import[ \t]+(?<names>\([^)]*\)|[^\n#]+)|import[ \t]+(?<imports>[^\n#]+))", RegexOptions.Multiline)]
    private static partial Regex ImportLine();
}
