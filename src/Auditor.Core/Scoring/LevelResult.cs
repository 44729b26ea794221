namespace Auditor.Core.Scoring;

/// <summary>How one level's criteria fared, and which required rules keep it from being met.</summary>
public sealed record LevelResult
{
    public required int Level { get; init; }

    public required string Name { get; init; }

    public required LevelStatus Status { get; init; }

    /// <summary>True when the project is at this level or above (the level is at most the attained one).</summary>
    public bool Reached => Status == LevelStatus.Reached;

    public int Passed { get; init; }

    public int Failed { get; init; }

    public int Unknown { get; init; }

    public int NotApplicable { get; init; }

    /// <summary>Findings of this level whose failure an active waiver accepts.</summary>
    public int Waived { get; init; }

    /// <summary>Findings of this level whose outcome rests on an attestation.</summary>
    public int Attested { get; init; }

    /// <summary>Required rules of this level that failed, errored or are unknown, and key evidence (<c>mustApply</c>) that does not apply.</summary>
    public IReadOnlyList<string> Blocking { get; init; } = [];
}
