namespace Auditor.Core.Tracking;

/// <summary>Assessments on the traces of one experiment that share a name, kind, source type, validity and evaluation run, counted.</summary>
public sealed record AssessmentGroup
{
    /// <summary>The experiment of the assessed traces.</summary>
    public required string ExperimentId { get; init; }

    public required string Name { get; init; }

    /// <summary>True for feedback, false for an expectation.</summary>
    public bool IsFeedback { get; init; }

    /// <summary>HUMAN, LLM_JUDGE or CODE.</summary>
    public string? SourceType { get; init; }

    public bool Valid { get; init; } = true;

    /// <summary>The evaluation run that wrote them.</summary>
    public string? SourceRunId { get; init; }

    public required int Count { get; init; }

    /// <summary>
    /// Groups of equal key summed into one (partial counts, or rows that differ only in what the key drops, such as the
    /// metadata text a source run was read from), in the order every reader gives them.
    /// </summary>
    public static List<AssessmentGroup> Summed(IEnumerable<AssessmentGroup> groups) =>
        groups.GroupBy(a => a with { Count = 0 })
            .Select(g => g.Key with { Count = g.Sum(a => a.Count) })
            .OrderBy(a => a.ExperimentId, StringComparer.Ordinal).ThenBy(a => a.Name, StringComparer.Ordinal).ThenBy(a => a.SourceType, StringComparer.Ordinal)
            .ThenBy(a => a.SourceRunId, StringComparer.Ordinal).ThenBy(a => a.IsFeedback).ThenBy(a => a.Valid)
            .ToList();
}
