namespace Auditor.Core.Assessment;

/// <summary>
/// Acceptance of a failing rule, with an owner and an expiry. A waived finding keeps its outcome; it is
/// marked waived everywhere and stops blocking levels and gates until <see cref="Expires"/>.
/// </summary>
public sealed record Waiver
{
    public required string RuleId { get; init; }

    public required WaiverReason Reason { get; init; }

    public required string Owner { get; init; }

    public required string Justification { get; init; }

    public required DateOnly Expires { get; init; }

    public bool IsExpiredOn(DateOnly day) => day > Expires;
}
