namespace Auditor.Core.Scoring;

/// <summary>A category's share of passing rules, 0-100; not-applicable, unknown and waived findings are excluded and counted.</summary>
public sealed record CategoryScore(string Category, int? Score, int Passed, int Failed, int Unknown, int NotApplicable)
{
    /// <summary>Passes that rest on an attestation (half credit).</summary>
    public int Attested { get; init; }

    /// <summary>Failures accepted by an active waiver (left out of the score).</summary>
    public int Waived { get; init; }
}
