namespace Auditor.Core.Tracking;

/// <summary>
/// A run made by <c>mlflow.genai.evaluate</c> (tag <c>mlflow.runType</c> = <c>genai_evaluate</c>) or <c>mlflow.evaluate</c>.
/// MLflow keeps no list of scorers: their names come from <c>&lt;scorer&gt;/mean</c> metric keys and the CODE/LLM_JUDGE
/// assessments the run wrote.
/// </summary>
public sealed record EvaluationRun(Run Run, IReadOnlyList<string> Scorers, int TraceCount, IReadOnlyList<string> ModelIds)
{
    public const string GenAiEvaluateRunType = "genai_evaluate";

    public static bool IsEvaluation(Run run) =>
        run.Tags.GetValueOrDefault(SystemTags.RunType) is GenAiEvaluateRunType or "evaluate";

    /// <summary>The evaluation runs of a store, with what they evaluated and the scorers they used.</summary>
    public static IReadOnlyList<EvaluationRun> Of(TrackingStore store)
    {
        var runs = store.Runs.Where(r => r.Lifecycle == Lifecycle.Active && IsEvaluation(r)).ToList();
        if (runs.Count == 0)
        {
            return [];
        }

        var tracesByRun = store.GenAi.TraceGroups.Where(t => t.SourceRunId is not null).GroupBy(t => t.SourceRunId!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var scorersByRun = store.GenAi.AssessmentGroups
            .Where(a => a.IsFeedback && a.SourceRunId is not null && a.SourceType is "CODE" or "LLM_JUDGE")
            .GroupBy(a => a.SourceRunId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(a => a.Name).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        return runs.Select(run =>
        {
            var traces = tracesByRun.GetValueOrDefault(run.Id) ?? [];
            var scorers = run.Metrics.Keys.Where(k => k.EndsWith("/mean", StringComparison.Ordinal)).Select(k => k[..^"/mean".Length])
                .Concat(scorersByRun.GetValueOrDefault(run.Id) ?? [])
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var models = run.InputModelIds.Concat(traces.Select(t => t.ModelId).OfType<string>())
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            return new EvaluationRun(run, scorers, traces.Sum(t => t.Count), models);
        }).ToList();
    }
}
