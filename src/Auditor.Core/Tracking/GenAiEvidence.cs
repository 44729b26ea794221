namespace Auditor.Core.Tracking;

/// <summary>
/// The MLflow 3 GenAI entities of a store: the prompt registry, traces and their assessments, and evaluation datasets.
/// Traces and assessments are kept as counted groups (<see cref="TraceGroups"/>, <see cref="AssessmentGroups"/>) plus a
/// bounded sample of the newest traces of each experiment with their assessments, so a store with millions of traces costs memory by its
/// distinct combinations, not by its traces. Evaluation runs are ordinary runs (see <see cref="EvaluationRun"/>).
/// </summary>
public sealed record GenAiEvidence
{
    /// <summary>How many of the newest traces of each experiment <see cref="RecentTraces"/> keeps.</summary>
    public const int RecentLimit = 100;

    public static readonly GenAiEvidence Empty = new();

    /// <summary>Registered models tagged <c>mlflow.prompt.is_prompt</c>; their versions are the prompt versions.</summary>
    public IReadOnlyList<RegisteredModel> Prompts { get; init; } = [];

    /// <summary>Every trace of the store, counted by experiment, state, logged model, source run and linked prompts.</summary>
    public IReadOnlyList<TraceGroup> TraceGroups { get; init; } = [];

    /// <summary>Every assessment on the store's traces, counted by experiment, name, kind, source type, validity and run.</summary>
    public IReadOnlyList<AssessmentGroup> AssessmentGroups { get; init; } = [];

    /// <summary>Spans per experiment (0 where spans were not stored or not readable).</summary>
    public IReadOnlyDictionary<string, int> Spans { get; init; } = new Dictionary<string, int>();

    /// <summary>The newest traces of each experiment (at most <see cref="RecentLimit"/> each), oldest first: a sample, not every trace.</summary>
    public IReadOnlyList<GenAiTrace> RecentTraces { get; init; } = [];

    /// <summary>The assessments on <see cref="RecentTraces"/>.</summary>
    public IReadOnlyList<TraceAssessment> RecentAssessments { get; init; } = [];

    public IReadOnlyList<EvaluationDataset> EvaluationDatasets { get; init; } = [];

    /// <summary>False for stores that cannot hold evaluation datasets (the file store).</summary>
    public bool EvaluationDatasetsSupported { get; init; }

    public bool HasPrompts => Prompts.Count > 0;

    /// <summary>Traces in the store.</summary>
    public int TraceCount => TraceGroups.Sum(g => g.Count);

    /// <summary>Assessments on the store's traces.</summary>
    public int AssessmentCount => AssessmentGroups.Sum(g => g.Count);

    /// <summary>Spans of all traces.</summary>
    public int SpanCount => Spans.Values.Sum();

    /// <summary>The part of the evidence about the traces of some experiments.</summary>
    public GenAiEvidence InExperiments(IReadOnlySet<string> experimentIds)
    {
        var recent = RecentTraces.Where(t => experimentIds.Contains(t.ExperimentId)).ToList();
        var ids = recent.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        return this with
        {
            TraceGroups = TraceGroups.Where(g => experimentIds.Contains(g.ExperimentId)).ToList(),
            AssessmentGroups = AssessmentGroups.Where(g => experimentIds.Contains(g.ExperimentId)).ToList(),
            Spans = Spans.Where(s => experimentIds.Contains(s.Key)).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal),
            RecentTraces = recent,
            RecentAssessments = RecentAssessments.Where(a => ids.Contains(a.TraceId)).ToList(),
        };
    }

    /// <summary>The latest trace of the groups: the latest time, of equal times the smallest id; null without a time.</summary>
    public static TraceGroup? Latest(IEnumerable<TraceGroup> groups) =>
        groups.Where(g => g.Last is not null).OrderByDescending(g => g.Last).ThenBy(g => g.LastId, StringComparer.Ordinal).FirstOrDefault();
}
