namespace Auditor.Core.Trace;

/// <summary>
/// Turns a run's <c>mlflow.source.name</c> into the repository paths it may stand for. MLflow records
/// <c>sys.argv[0]</c> as given (<c>train.py</c>, <c>/home/u/proj/train.py</c>), a project URI for
/// <c>mlflow run</c> (<c>file:///home/u/proj#sub</c>), or a kernel launcher for notebooks (not checkable).
/// </summary>
public static class EntryPoints
{
    private const int MaxSuffixSegments = 4;

    /// <param name="sourceName">The run's <c>mlflow.source.name</c>.</param>
    /// <param name="projectPath">The audited folder relative to the repository root ("" for the root).</param>
    public static IReadOnlyList<string> Candidates(string? sourceName, string projectPath)
    {
        if (string.IsNullOrWhiteSpace(sourceName) || sourceName.StartsWith('<') || sourceName.Contains("ipykernel", StringComparison.Ordinal))
        {
            return [];
        }

        var prefix = projectPath is "" or "." ? "" : projectPath.TrimEnd('/') + "/";
        if (sourceName.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
        {
            var fragment = sourceName.IndexOf('#');
            var sub = fragment < 0 ? "" : sourceName[(fragment + 1)..].Trim('/') + "/";
            return Distinct([prefix + sub + "MLproject", sub + "MLproject"]);
        }

        var path = sourceName.Replace('\\', '/');
        if (path.StartsWith('/') || (path.Length > 2 && path[1] == ':'))
        {
            var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var suffixes = Enumerable.Range(1, Math.Min(MaxSuffixSegments, segments.Length))
                .Select(n => string.Join('/', segments[^n..]));
            return Distinct(suffixes.SelectMany(s => new[] { prefix + s, s }));
        }

        var relative = path.StartsWith("./", StringComparison.Ordinal) ? path[2..] : path;
        return Distinct([prefix + relative, relative]);
    }

    private static IReadOnlyList<string> Distinct(IEnumerable<string> paths) => paths.Distinct(StringComparer.Ordinal).ToList();
}
