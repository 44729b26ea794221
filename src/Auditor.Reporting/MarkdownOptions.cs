namespace Auditor.Reporting;

/// <summary>
/// What the Markdown writer needs beyond the report: where the rule catalogue is published (each rule id links to its
/// section, <c>#mla-0001</c>; plain ids without it) and the gate's decision when a gate was set (the summary line says
/// "no gate set" without it).
/// </summary>
public sealed record MarkdownOptions
{
    /// <summary>The rule catalogue (docs/rules.md) at the tool's commit, as SARIF's <c>helpUri</c> uses it.</summary>
    public string? RulesDocumentUri { get; init; }

    public GateOutcome? Gate { get; init; }

    /// <summary>At most this many rows in each findings table; the rest are counted ("and 12 more").</summary>
    public int RowCap { get; init; } = 50;
}
