using Auditor.Core.Evidence;

namespace Auditor.Evidence.Project.Environments;

/// <summary>
/// A conda match spec ("numpy", "numpy=1.24.2", "numpy==1.24.2", "numpy>=1.2", "conda-forge::numpy=1.24.2=py311h0").
/// Pinned: == with a version, or = with a full version (three parts or a build string); "=1.24" means 1.24.*.
/// </summary>
internal static class CondaSpec
{
    public static Requirement Parse(string spec, int? line)
    {
        var text = spec.Split('#', 2)[0].Trim();
        if (text.Contains("::", StringComparison.Ordinal))
        {
            text = text[(text.IndexOf("::", StringComparison.Ordinal) + 2)..];
        }

        var cut = text.IndexOfAny(['=', '<', '>', '!', '~', ' ']);
        var name = cut < 0 ? text : text[..cut].Trim();
        var version = cut < 0 ? "" : text[cut..].Trim();
        return new Requirement(name, version, IsPinned(version), line);
    }

    private static bool IsPinned(string version)
    {
        if (version.Contains('*', StringComparison.Ordinal) || version.Contains(',', StringComparison.Ordinal) || version.Contains('|', StringComparison.Ordinal))
        {
            return false;
        }

        if (version.StartsWith("==", StringComparison.Ordinal))
        {
            return version.Length > 2;
        }

        if (!version.StartsWith('=') || version.Length < 2)
        {
            return false;
        }

        var parts = version[1..].Split('=');
        return parts.Length > 1 || parts[0].Split('.').Length >= 3;
    }
}
