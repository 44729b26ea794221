namespace Auditor.Core.Assessment;

/// <summary>
/// A person's answer to a criterion no file can show. Shown as attested, by whom and until when, never as
/// verified; it gives half credit in category scores.
/// </summary>
public sealed record Attestation
{
    public required string RuleId { get; init; }

    public required AttestationAnswer Answer { get; init; }

    public required string Owner { get; init; }

    public required DateOnly Date { get; init; }

    public required DateOnly Expires { get; init; }

    /// <summary>A link to where the answer can be checked (a wiki page, a ticket, a dashboard).</summary>
    public string? Evidence { get; init; }

    public string? Note { get; init; }

    public bool IsExpiredOn(DateOnly day) => day > Expires;
}
