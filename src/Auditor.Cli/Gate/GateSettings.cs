using Auditor.Core;
using Auditor.Core.Rules;

namespace Auditor.Cli.Gate;

/// <summary>The CI gate: <c>--min-level</c>, <c>--fail-on</c>, <c>--baseline</c>. With none set the gate always passes.</summary>
public sealed record GateSettings
{
    public int? MinLevel { get; init; }

    public Severity? FailOn { get; init; }

    public Baseline? Baseline { get; init; }

    public static GateSettings None { get; } = new();

    public static GateSettings Create(int? minLevel, string? failOn, string? baselinePath, string currentDirectory)
    {
        if (minLevel is < 0 or > 4)
        {
            throw new AuditInputException($"--min-level {minLevel}: use a level from 0 to 4");
        }

        Severity? severity = null;
        if (failOn is not null)
        {
            severity = Enum.TryParse<Severity>(failOn, ignoreCase: true, out var parsed) && !int.TryParse(failOn, out _)
                ? parsed
                : throw new AuditInputException($"--fail-on: unknown severity '{failOn}' (use info, low, medium, high, critical)");
        }

        return new GateSettings
        {
            MinLevel = minLevel,
            FailOn = severity,
            Baseline = baselinePath is null ? null : Baseline.Load(Path.GetFullPath(baselinePath, currentDirectory), baselinePath),
        };
    }
}
