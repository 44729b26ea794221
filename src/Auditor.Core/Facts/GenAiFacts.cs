using Auditor.Core.Evidence;
using Auditor.Core.Rules;
using Auditor.Core.Tracking;

namespace Auditor.Core.Facts;

/// <summary>
/// Facts about the MLflow 3 GenAI entities of the store: the prompt registry, traces, feedback, evaluation runs and
/// evaluation datasets, and whether the serving application version is pinned to prompt versions and was evaluated.
/// </summary>
public sealed class GenAiFacts : TrackingFactProvider
{
    private static readonly FactDescriptor Present = new("genai.present", "boolean", "The store holds GenAI entities: prompts, traces or evaluation runs (mlflow.genai.evaluate).");
    private static readonly FactDescriptor Prompts = new("genai.prompts", "number", "Prompts in the prompt registry (registered models tagged mlflow.prompt.is_prompt).");
    private static readonly FactDescriptor PromptVersions = new("genai.promptVersions", "number", "Prompt versions in the prompt registry.");
    private static readonly FactDescriptor Traces = new("genai.traces", "number", "Traces (calls of the application) in the store.");
    private static readonly FactDescriptor DaysSinceTrace = new("genai.daysSinceLastTrace", "number", "Days between the latest trace and the audit; unknown without traces.");
    private static readonly FactDescriptor Feedback = new("genai.feedbackOnTraffic", "number",
        "Valid feedback assessments (HUMAN, LLM_JUDGE or CODE) on traces outside evaluation runs: feedback collected on the application's traffic.");
    private static readonly FactDescriptor Evaluations = new("genai.evaluationRunsWithScorers", "number",
        "Evaluation runs (mlflow.genai.evaluate or mlflow.evaluate) with at least one scorer (a <scorer>/mean metric or a scorer's assessment).");
    private static readonly FactDescriptor Pinned = new("genai.servingPinnedToPrompts", "boolean",
        "Every serving application version (a registered version in Production or with a serving alias, or else the latest logged model traces name) names the prompt versions it uses (mlflow.linkedPrompts), and they exist in the registry.");
    private static readonly FactDescriptor Evaluated = new("genai.servingEvaluated", "boolean",
        "Every serving application version was evaluated by a run with scorers: the run evaluated its logged model, a logged model with the same prompt versions, or prompt versions it uses.");
    private static readonly FactDescriptor DatasetsSupported = new("genai.evaluationDatasetsSupported", "boolean", "The store can hold evaluation datasets (SQL stores; the file store cannot).");
    private static readonly FactDescriptor Datasets = new("genai.evaluationDatasets", "number", "Evaluation datasets (mlflow.genai.datasets) in the store.");

    public override IReadOnlyList<FactDescriptor> Descriptors { get; } =
        [Present, Prompts, PromptVersions, Traces, DaysSinceTrace, Feedback, Evaluations, Pinned, Evaluated, DatasetsSupported, Datasets];

    /// <summary>True when the store holds prompts, traces or evaluation runs.</summary>
    public static bool HasGenAi(TrackingStore store) =>
        store.GenAi.Prompts.Count > 0 || store.GenAi.TraceCount > 0 || store.Runs.Any(EvaluationRun.IsEvaluation);

    protected override IEnumerable<Fact> Derive(TrackingStore store, EvidenceBundle evidence)
    {
        var genai = store.GenAi;
        yield return Fact.Known(Present.Name, FactValue.Of(HasGenAi(store)));
        yield return FactBuilder.Count(Prompts, genai.Prompts, p => new EvidenceRef("prompt", p.Name));
        yield return FactBuilder.Count(PromptVersions, genai.Prompts.SelectMany(p => p.Versions).ToList(), v => new EvidenceRef("prompt-version", $"{v.ModelName}/{v.Version}"));
        yield return Fact.Known(Traces.Name, FactValue.Of(genai.TraceCount));
        var last = GenAiEvidence.Latest(genai.TraceGroups);
        yield return last is { Last: { } time }
            ? Fact.Known(DaysSinceTrace.Name, FactValue.Of(Math.Max(0, Math.Floor((evidence.CollectedAt - time).TotalDays))), [new("trace", last.LastId!, $"latest trace, {time:yyyy-MM-dd}")])
            : Fact.Unknown(DaysSinceTrace.Name, "no trace records a request time");
        var feedback = genai.AssessmentGroups.Where(a => a.IsFeedback && a.Valid && a.SourceRunId is null).ToList();
        yield return Fact.Known(Feedback.Name, FactValue.Of(feedback.Sum(a => a.Count)),
            feedback.GroupBy(a => a.SourceType ?? "unknown", StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new EvidenceRef("assessments", g.Key, $"{g.Sum(a => a.Count)} feedback")).ToList());
        var evaluations = EvaluationRun.Of(store).Where(e => e.Scorers.Count > 0).ToList();
        yield return FactBuilder.Count(Evaluations, evaluations, e => RunRef(e.Run, "scorers " + string.Join(", ", e.Scorers)));

        var serving = GenAiServing.Versions(store);
        if (serving.Count == 0)
        {
            yield return Fact.Unknown(Pinned.Name, "no serving application version: no registered version is designated and no trace names a logged model");
            yield return Fact.Unknown(Evaluated.Name, "no serving application version: no registered version is designated and no trace names a logged model");
        }
        else
        {
            var registered = genai.Prompts.SelectMany(p => p.Versions.Select(v => new PromptRef(p.Name, v.Version))).ToHashSet();
            var unpinned = serving.Where(s => s.Prompts.Count == 0 || !s.Prompts.All(registered.Contains)).ToList();
            yield return Fact.Known(Pinned.Name, FactValue.Of(unpinned.Count == 0),
                serving.Select(s => new EvidenceRef("logged-model", s.Label, s.Prompts.Count == 0 ? "names no prompt version" : "prompts " + string.Join(", ", s.Prompts))).ToList());
            var unevaluated = serving.Where(s => !evaluations.Any(e => GenAiServing.Covers(e, s, store))).ToList();
            yield return Fact.Known(Evaluated.Name, FactValue.Of(unevaluated.Count == 0),
                (unevaluated.Count == 0 ? serving : unevaluated).Select(s => new EvidenceRef("logged-model", s.Label, unevaluated.Contains(s) ? "no evaluation run with scorers covers it" : "evaluated")).ToList());
        }

        yield return Fact.Known(DatasetsSupported.Name, FactValue.Of(genai.EvaluationDatasetsSupported));
        yield return FactBuilder.Count(Datasets, genai.EvaluationDatasets, d => new EvidenceRef("evaluation-dataset", d.Name, $"{d.RecordCount} records"));
    }
}
