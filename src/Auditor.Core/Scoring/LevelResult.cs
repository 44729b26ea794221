namespace Auditor.Core.Scoring;

/// <summary>How one level's criteria fared, and which required rules keep it from being met.</summary>
public sealed record LevelResult
{
    public required int Level { get; init; }

    public required string Name { get; init; }

    public required LevelStatus Status { get; init; }

    public int Passed { get; init; }

    public int Failed { get; init; }

    public int Unknown { get; init; }

    public int NotApplicable { get; init; }

    /// <summary>Findings of this level whose failure an active waiver accepts.</summary>
    public int Waived { get; init; }

    /// <summary>Findings of this level whose outcome rests on an attestation.</summary>
    public int Attested { get; init; }

    /// <summary>Required rules of this level that failed, errored or are unknown.</summary>
    public IReadOnlyList<string> Blocking { get; init; } = [];
}
