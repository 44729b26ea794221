namespace Auditor.Core.Tracking;

/// <summary>
/// Traces that share an experiment, a state, the logged model and run they name (request metadata <c>mlflow.modelId</c>
/// and <c>mlflow.sourceRun</c>) and their <c>mlflow.linkedPrompts</c> tag, counted: what facts and traces need of the
/// traces, in memory bounded by the number of distinct combinations, not by the number of traces.
/// </summary>
public sealed record TraceGroup
{
    public required string ExperimentId { get; init; }

    /// <summary>OK, ERROR or IN_PROGRESS.</summary>
    public string? State { get; init; }

    /// <summary>The active logged model.</summary>
    public string? ModelId { get; init; }

    /// <summary>The run the traces were made in, e.g. an evaluation run.</summary>
    public string? SourceRunId { get; init; }

    public IReadOnlyList<PromptRef> LinkedPrompts { get; init; } = [];

    public required int Count { get; init; }

    /// <summary>The earliest request time of the group's traces.</summary>
    public DateTimeOffset? First { get; init; }

    public DateTimeOffset? Last { get; init; }

    /// <summary>
    /// The id of a trace at <see cref="Last"/>: of the experiment's traces at that time, the smallest id (so the group's own
    /// latest trace unless traces of another group share the millisecond); null when no trace records a time.
    /// </summary>
    public string? LastId { get; init; }

    /// <summary>Groups in the order every reader gives them: experiment, logged model, source run, state, prompts.</summary>
    public static List<TraceGroup> InOrder(IEnumerable<TraceGroup> groups) =>
        groups.OrderBy(g => g.ExperimentId, StringComparer.Ordinal).ThenBy(g => g.ModelId, StringComparer.Ordinal).ThenBy(g => g.SourceRunId, StringComparer.Ordinal)
            .ThenBy(g => g.State, StringComparer.Ordinal).ThenBy(g => string.Join(",", g.LinkedPrompts), StringComparer.Ordinal)
            .ToList();
}
