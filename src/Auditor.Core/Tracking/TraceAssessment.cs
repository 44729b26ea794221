namespace Auditor.Core.Tracking;

/// <summary>An assessment on a trace: feedback (human, LLM judge or code) or an expectation (ground truth).</summary>
public sealed record TraceAssessment
{
    public required string Id { get; init; }

    public required string TraceId { get; init; }

    public required string Name { get; init; }

    /// <summary>True for feedback, false for an expectation.</summary>
    public bool IsFeedback { get; init; }

    /// <summary>HUMAN, LLM_JUDGE or CODE.</summary>
    public string? SourceType { get; init; }

    public string? SourceId { get; init; }

    /// <summary>False once another assessment overrides this one.</summary>
    public bool Valid { get; init; } = true;

    /// <summary>The id of the assessment this one replaces.</summary>
    public string? Overrides { get; init; }

    public bool HasError { get; init; }

    public string? SpanId { get; init; }

    /// <summary>The evaluation run that wrote it (metadata <c>mlflow.assessment.sourceRunId</c>, or the SQL <c>run_id</c>).</summary>
    public string? SourceRunId { get; init; }
}
