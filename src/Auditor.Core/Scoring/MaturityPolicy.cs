namespace Auditor.Core.Scoring;

/// <summary>
/// The scoring policy, loaded from <c>rules/maturity-model.yaml</c>: the levels and their names.
/// Which rules a level requires is said by each rule's <c>required</c> flag.
/// </summary>
public sealed record MaturityPolicy
{
    public required IReadOnlyList<MaturityLevel> Levels { get; init; }
}
