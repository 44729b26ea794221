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
}
