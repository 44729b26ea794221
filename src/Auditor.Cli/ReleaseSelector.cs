using Auditor.Core;
using Auditor.Core.Trace;

namespace Auditor.Cli;

/// <summary>
/// Picks the model version a pre-release audit is about: <c>--version</c>, <c>--alias</c> or <c>--stage</c>;
/// with none, the serving version (stage Production or a serving alias), else the newest version.
/// </summary>
public sealed record ReleaseSelector(string Model, int? Version, string? Alias, string? Stage)
{
    public ModelTrace Select(IReadOnlyList<ModelTrace> traces)
    {
        var versions = traces.Where(t => t.Model == Model).OrderByDescending(t => t.Version).ToList();
        if (versions.Count == 0)
        {
            throw new AuditInputException($"--model {Model}: no registered model of that name (or it has no versions)");
        }

        var chosen = Version is { } number ? versions.FirstOrDefault(t => t.Version == number)
            : Alias is { } alias ? versions.FirstOrDefault(t => t.Aliases.Contains(alias, StringComparer.Ordinal))
            : Stage is { } stage ? versions.FirstOrDefault(t => string.Equals(t.Stage, stage, StringComparison.OrdinalIgnoreCase))
            : versions.FirstOrDefault(t => t.Serving) ?? versions[0];
        return chosen ?? throw new AuditInputException($"--model {Model}: no version matches {Describe()}");
    }

    private string Describe() =>
        Version is { } v ? $"--version {v}" : Alias is { } a ? $"--alias {a}" : $"--stage {Stage}";
}
