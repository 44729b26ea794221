namespace Auditor.Core.Evidence;

/// <summary>
/// The one reader of pip requirement lines, used for a project's requirements files, the requirements.txt of a logged
/// model and the requirements files held in a commit: comments, continuation lines, options, hashes, markers, editable
/// and VCS requirements (pinned as <see cref="Pep508"/> says). Includes (<c>-r</c>) are the caller's: a caller that can
/// follow them (the project collector) does so before <see cref="ParseLine"/>; the others count them as options, not requirements.
/// </summary>
public static class PipRequirements
{
    /// <summary>The requirements of a whole file's text, without following includes.</summary>
    public static IReadOnlyList<Requirement> Parse(string text)
    {
        var requirements = new List<Requirement>();
        foreach (var (line, number) in LogicalLines(text))
        {
            if (ParseLine(line, number) is { } requirement)
            {
                requirements.Add(requirement);
            }
        }

        return requirements;
    }

    /// <summary>How many requirements a file's text holds and how many of them are pinned.</summary>
    public static (int Total, int Pinned) Count(string text)
    {
        var requirements = Parse(text);
        return (requirements.Count, requirements.Count(r => r.Pinned));
    }

    /// <summary>The lines of a file with backslash continuations joined, each with the number of its first line.</summary>
    public static IEnumerable<(string Line, int Number)> LogicalLines(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var line = lines[i].TrimEnd('\r');
            while (line.EndsWith('\\') && i + 1 < lines.Length)
            {
                line = line[..^1] + " " + lines[++i].TrimEnd('\r');
            }

            yield return (line, number);
        }
    }

    /// <summary>One logical line: a requirement, or null for a blank line, a comment or an option (includes among them).</summary>
    public static Requirement? ParseLine(string line, int? number)
    {
        var text = StripComment(line).Trim();
        if (text.Length == 0)
        {
            return null;
        }

        if (text.StartsWith("-e ", StringComparison.Ordinal) || text.StartsWith("--editable", StringComparison.Ordinal))
        {
            var target = text.Split((char[])[' ', '='], 2, StringSplitOptions.TrimEntries)[1];
            return new Requirement(EggName(target), target, Pep508.IsPinnedUrl(target), number);
        }

        if (text.StartsWith('-'))
        {
            return null;
        }

        var hashed = text.Contains("--hash=", StringComparison.Ordinal);
        var requirementText = text.Split(" --", 2)[0];
        if (requirementText.Contains("://", StringComparison.Ordinal) && !requirementText.Contains(" @ ", StringComparison.Ordinal))
        {
            return new Requirement(EggName(requirementText), requirementText, hashed || Pep508.IsPinnedUrl(requirementText), number);
        }

        return Pep508.Parse(requirementText, number, hashed);
    }

    /// <summary>A comment starts a line or follows whitespace (pip's rule); a <c>#</c> inside a URL fragment is not one.</summary>
    public static string StripComment(string line)
    {
        var trimmed = line.TrimStart();
        if (trimmed.StartsWith('#'))
        {
            return "";
        }

        for (var i = 1; i < line.Length; i++)
        {
            if (line[i] == '#' && char.IsWhiteSpace(line[i - 1]))
            {
                return line[..i];
            }
        }

        return line;
    }

    private static string EggName(string url)
    {
        var egg = url.IndexOf("#egg=", StringComparison.Ordinal);
        return egg >= 0 ? url[(egg + 5)..].Split('&')[0] : url.TrimEnd('/').Split('/')[^1].Split('@')[0].Replace(".git", "", StringComparison.Ordinal);
    }
}
