namespace Auditor.Cli.Gate;

/// <summary>What the gate decided and why, with the baseline comparison when one was given.</summary>
public sealed record GateResult
{
    public required bool Passed { get; init; }

    /// <summary>One line per reason the gate failed.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>Rules failing in the baseline that no longer fail.</summary>
    public IReadOnlyList<string> Improved { get; init; } = [];

    /// <summary>Rules failing now that did not fail in the baseline.</summary>
    public IReadOnlyList<string> Regressed { get; init; } = [];
}
