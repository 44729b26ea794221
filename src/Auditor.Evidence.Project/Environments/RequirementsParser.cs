using Auditor.Core.Evidence;

namespace Auditor.Evidence.Project.Environments;

/// <summary>
/// Reads a pip requirements file: continuation lines, comments, options, hashes, markers, editable and VCS
/// requirements, and <c>-r</c> includes (followed relative to the including file, once each).
/// </summary>
internal static class RequirementsParser
{
    public static IReadOnlyList<Requirement> Parse(ProjectContext context, ProjectFile file, List<string> problems) =>
        Parse(context, file, problems, new HashSet<string>(StringComparer.Ordinal));

    /// <summary>Parses pip lines held in another file (python_env.yaml, conda pip sections): includes are followed here, the rest is <see cref="PipRequirements.ParseLine"/>.</summary>
    public static IEnumerable<Requirement> ParseLine(ProjectContext context, ProjectFile file, string line, int? number, List<string> problems, HashSet<string> visited)
    {
        var text = PipRequirements.StripComment(line).Trim();
        if (Include(text) is { } include)
        {
            var included = context.Find(Normalize(file.Folder, include));
            if (included is null)
            {
                problems.Add($"{file.RelativePath}:{number}: included file {include} not found");
                return [];
            }

            return Parse(context, included, problems, visited);
        }

        return PipRequirements.ParseLine(text, number) is { } requirement ? [requirement] : [];
    }

    private static IReadOnlyList<Requirement> Parse(ProjectContext context, ProjectFile file, List<string> problems, HashSet<string> visited)
    {
        if (!visited.Add(file.RelativePath) || context.Read(file) is not { } text)
        {
            return [];
        }

        var requirements = new List<Requirement>();
        foreach (var (line, number) in PipRequirements.LogicalLines(text))
        {
            requirements.AddRange(ParseLine(context, file, line, number, problems, visited));
        }

        return requirements;
    }

    private static string? Include(string text)
    {
        foreach (var option in new[] { "-r", "--requirement" })
        {
            if (text.StartsWith(option + " ", StringComparison.Ordinal) || text.StartsWith(option + "=", StringComparison.Ordinal))
            {
                return text[(option.Length + 1)..].Trim();
            }
        }

        return null;
    }

    private static string Normalize(string folder, string include)
    {
        var combined = folder.Length == 0 ? include : folder + "/" + include;
        var parts = new List<string>();
        foreach (var part in combined.Split('/'))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part is not "." and not "")
            {
                parts.Add(part);
            }
        }

        return string.Join('/', parts);
    }
}
