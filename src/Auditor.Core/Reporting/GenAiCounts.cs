using Auditor.Core.Tracking;

namespace Auditor.Core.Reporting;

/// <summary>The MLflow 3 GenAI entities of the store, counted (JSON <c>inventory.genai</c>).</summary>
public sealed record GenAiCounts
{
    public static GenAiCounts Empty { get; } = new();

    public int Prompts { get; init; }

    public int PromptVersions { get; init; }

    /// <summary>Prompts no trace, run or logged model names in <c>mlflow.linkedPrompts</c>.</summary>
    public int PromptsNeverLoaded { get; init; }

    public int Traces { get; init; }

    public int TracesWithError { get; init; }

    public int Spans { get; init; }

    public DateTimeOffset? FirstTrace { get; init; }

    public DateTimeOffset? LastTrace { get; init; }

    public int Assessments { get; init; }

    public int Feedback { get; init; }

    public int HumanFeedback { get; init; }

    public int Expectations { get; init; }

    public int EvaluationRuns { get; init; }

    /// <summary>Scorer names of all evaluation runs, in name order.</summary>
    public IReadOnlyList<string> Scorers { get; init; } = [];

    public int EvaluationDatasets { get; init; }

    /// <summary>True when there is anything GenAI to report (a method, so JSON does not carry it).</summary>
    public bool HasEntities() => Prompts > 0 || Traces > 0 || EvaluationRuns > 0 || EvaluationDatasets > 0;

    /// <summary>"first .. last" trace day (UTC), or null without traces.</summary>
    public string? TracePeriod() =>
        FirstTrace is { } first && LastTrace is { } last
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{first.UtcDateTime:yyyy-MM-dd} .. {last.UtcDateTime:yyyy-MM-dd}")
            : null;

    public static GenAiCounts Of(TrackingStore store)
    {
        var genai = store.GenAi;
        var evaluations = EvaluationRun.Of(store);
        return new GenAiCounts
        {
            Prompts = genai.Prompts.Count,
            PromptVersions = genai.Prompts.Sum(p => p.Versions.Count),
            PromptsNeverLoaded = genai.Prompts.Count == 0 ? 0 : PromptLinks.NeverLoaded(store).Count,
            Traces = genai.TraceCount,
            TracesWithError = genai.TraceGroups.Where(t => t.State == "ERROR").Sum(t => t.Count),
            Spans = genai.SpanCount,
            FirstTrace = genai.TraceGroups.Select(t => t.First).Min(),
            LastTrace = genai.TraceGroups.Select(t => t.Last).Max(),
            Assessments = genai.AssessmentCount,
            Feedback = genai.AssessmentGroups.Where(a => a.IsFeedback).Sum(a => a.Count),
            HumanFeedback = genai.AssessmentGroups.Where(a => a.IsFeedback && a.SourceType == "HUMAN").Sum(a => a.Count),
            Expectations = genai.AssessmentGroups.Where(a => !a.IsFeedback).Sum(a => a.Count),
            EvaluationRuns = evaluations.Count,
            Scorers = evaluations.SelectMany(e => e.Scorers).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            EvaluationDatasets = genai.EvaluationDatasets.Count,
        };
    }
}
