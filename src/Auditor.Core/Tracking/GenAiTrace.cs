namespace Auditor.Core.Tracking;

/// <summary>
/// One MLflow 3 trace (<c>tr-...</c>): a call of a GenAI application. Spans are kept only as a count and the root span's name.
/// </summary>
public sealed record GenAiTrace
{
    public required string Id { get; init; }

    public required string ExperimentId { get; init; }

    public DateTimeOffset? RequestTime { get; init; }

    /// <summary>OK, ERROR or IN_PROGRESS.</summary>
    public string? State { get; init; }

    /// <summary>The active logged model (request metadata <c>mlflow.modelId</c>).</summary>
    public string? ModelId { get; init; }

    /// <summary>The run the trace was made in (request metadata <c>mlflow.sourceRun</c>), e.g. an evaluation run.</summary>
    public string? SourceRunId { get; init; }

    public string? GitCommit { get; init; }

    public string? Session { get; init; }

    /// <summary>The tag <c>mlflow.traceName</c>, else the root span's name.</summary>
    public string? Name { get; init; }

    /// <summary>Spans found (0 when the spans were not stored or not readable).</summary>
    public int SpanCount { get; init; }

    public string? RootSpanName { get; init; }

    public IReadOnlyList<PromptRef> LinkedPrompts { get; init; } = [];
}
