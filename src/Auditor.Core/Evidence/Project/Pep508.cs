using System.Text.RegularExpressions;

namespace Auditor.Core.Evidence;

/// <summary>
/// Reads one PEP 508 requirement ("name[extra] specifier ; marker", or "name @ url") and says whether it is
/// pinned: a single == or === clause without a wildcard, a hash, or a VCS URL at a full commit id.
/// </summary>
public static partial class Pep508
{
    public static Requirement? Parse(string line, int? lineNumber, bool hashed = false)
    {
        var text = line.Split(';', 2)[0].Trim();
        var match = NamePattern().Match(text);
        if (text.Length == 0 || !match.Success)
        {
            return null;
        }

        var name = match.Groups["name"].Value;
        var rest = match.Groups["rest"].Value.Trim();
        if (rest.StartsWith('@'))
        {
            var url = rest[1..].Trim();
            return new Requirement(name, "@ " + url, hashed || IsPinnedUrl(url), lineNumber);
        }

        return new Requirement(name, rest, hashed || IsExact(rest), lineNumber);
    }

    /// <summary>A VCS URL at a full commit id, or an archive URL with a hash fragment.</summary>
    public static bool IsPinnedUrl(string url) =>
        FullShaRef().IsMatch(url) || url.Contains("#sha256=", StringComparison.OrdinalIgnoreCase);

    public static bool IsExact(string specifier)
    {
        var spec = specifier.Trim().Trim('(', ')').Trim();
        return ExactPattern().IsMatch(spec) && !spec.Contains('*', StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^(?<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(?<rest>.*)$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^={2,3}\s*[^\s,<>=!~]+$")]
    private static partial Regex ExactPattern();

    [GeneratedRegex(@"@[0-9a-fA-F]{40}(#|$)")]
    private static partial Regex FullShaRef();
}
