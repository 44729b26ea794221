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

    /// <summary>Parses pip lines held in another file (python_env.yaml, conda pip sections).</summary>
    public static IEnumerable<Requirement> ParseLine(ProjectContext context, ProjectFile file, string line, int? number, List<string> problems, HashSet<string> visited)
    {
        var text = StripComment(line).Trim();
        if (text.Length == 0)
        {
            return [];
        }

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

        if (text.StartsWith("-e ", StringComparison.Ordinal) || text.StartsWith("--editable", StringComparison.Ordinal))
        {
            var target = text.Split((char[])[' ', '='], 2, StringSplitOptions.TrimEntries)[1];
            return [new Requirement(EggName(target), target, Pep508.IsPinnedUrl(target), number)];
        }

        if (text.StartsWith('-'))
        {
            return [];
        }

        var hashed = text.Contains("--hash=", StringComparison.Ordinal);
        var requirementText = text.Split(" --", 2)[0];
        if (requirementText.Contains("://", StringComparison.Ordinal) && !requirementText.Contains(" @ ", StringComparison.Ordinal))
        {
            return [new Requirement(EggName(requirementText), requirementText, hashed || Pep508.IsPinnedUrl(requirementText), number)];
        }

        return Pep508.Parse(requirementText, number, hashed) is { } requirement ? [requirement] : [];
    }

    private static IReadOnlyList<Requirement> Parse(ProjectContext context, ProjectFile file, List<string> problems, HashSet<string> visited)
    {
        if (!visited.Add(file.RelativePath) || context.Read(file) is not { } text)
        {
            return [];
        }

        var requirements = new List<Requirement>();
        var lines = TextLines.Split(text);
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var line = lines[i].TrimEnd('\r');
            while (line.EndsWith('\\') && i + 1 < lines.Length)
            {
                line = line[..^1] + " " + lines[++i].TrimEnd('\r');
            }

            var parsed = ParseLine(context, file, line, number, problems, visited);
            requirements.AddRange(parsed);
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

    private static string StripComment(string line)
    {
        var index = line.IndexOf(" #", StringComparison.Ordinal);
        return line.StartsWith('#') ? "" : index >= 0 ? line[..index] : line;
    }

    private static string EggName(string url)
    {
        var egg = url.IndexOf("#egg=", StringComparison.Ordinal);
        return egg >= 0 ? url[(egg + 5)..].Split('&')[0] : url.TrimEnd('/').Split('/')[^1].Split('@')[0].Replace(".git", "", StringComparison.Ordinal);
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
