using Auditor.Core.Evidence;
using Auditor.Core.Facts;
using Auditor.Core.Rules;
using Auditor.Core.Tracking;

namespace Auditor.Core.Tests;

/// <summary>The GenAI facts on small hand-built stores: what pins and evaluates a serving application version.</summary>
public sealed class GenAiFactsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static readonly RegisteredModel Prompt = new()
    {
        Name = "qa",
        Tags = new Dictionary<string, string> { [SystemTags.IsPrompt] = "true" },
        Versions = [new ModelVersion { ModelName = "qa", Version = 1 }, new ModelVersion { ModelName = "qa", Version = 2 }],
    };

    private static FactSheet Build(TrackingStore store) => FactCatalog.Build(new EvidenceBundle
    {
        ProjectPath = "/p",
        CollectedAt = Now,
        Repository = Collected<RepositoryEvidence>.Absent("no repository"),
        Tracking = Collected<TrackingStore>.Present(store),
    });

    private static LoggedModel App(string id, string? prompts) => new()
    {
        Id = id,
        ExperimentId = "1",
        Tags = prompts is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [SystemTags.LinkedPrompts] = prompts },
    };

    private static TrackingStore Store(LoggedModel serving, IReadOnlyList<Run>? runs = null, IReadOnlyList<GenAiTrace>? traces = null) => new()
    {
        Kind = TrackingStoreKind.Sqlite,
        Uri = "sqlite:///mlflow.db",
        Runs = runs ?? [],
        LoggedModels = [serving],
        RegisteredModels = [new RegisteredModel { Name = "bot", Versions = [new ModelVersion { ModelName = "bot", Version = 1, ModelId = serving.Id, Aliases = ["champion"] }] }],
        GenAi = GenAiTally.Of(traces ?? [], [], evidence: new GenAiEvidence { Prompts = [Prompt], EvaluationDatasetsSupported = true }),
    };

    private static Run Evaluation(string id, string? prompts, IReadOnlyList<string>? models = null, string metric = "correct/mean") => new()
    {
        Id = id,
        ExperimentId = "1",
        StartTime = Now.AddDays(-1),
        Tags = new Dictionary<string, string> { [SystemTags.RunType] = EvaluationRun.GenAiEvaluateRunType, [SystemTags.LinkedPrompts] = prompts ?? "[]" },
        Metrics = new Dictionary<string, MetricSummary> { [metric] = new() { Key = metric, Count = 1, Steps = 1, Last = 1, Min = 1, Max = 1 } },
        InputModelIds = models ?? [],
    };

    [Fact]
    public void A_store_without_GenAI_entities_is_not_GenAI()
    {
        var facts = Build(new TrackingStore { Kind = TrackingStoreKind.File, Uri = "" });

        Assert.Equal(FactValue.Of(false), facts.Get("genai.present").Value);
        Assert.NotNull(facts.Get("genai.servingPinnedToPrompts").UnknownReason);
    }

    [Fact]
    public void Serving_version_naming_registered_prompt_versions_is_pinned()
    {
        var facts = Build(Store(App("m-1", """[{"name": "qa", "version": "2"}]""")));

        Assert.Equal(FactValue.Of(true), facts.Get("genai.present").Value);
        Assert.Equal(FactValue.Of(true), facts.Get("genai.servingPinnedToPrompts").Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("""[{"name": "qa", "version": "3"}]""")]
    [InlineData("""[{"name": "inline", "version": "1"}]""")]
    public void Serving_version_without_links_or_naming_unregistered_versions_is_not_pinned(string? links)
    {
        var facts = Build(Store(App("m-1", links)));

        Assert.Equal(FactValue.Of(false), facts.Get("genai.servingPinnedToPrompts").Value);
    }

    [Fact]
    public void An_evaluation_of_the_serving_model_or_of_its_prompt_versions_covers_it()
    {
        var serving = App("m-1", """[{"name": "qa", "version": "2"}]""");

        Assert.Equal(FactValue.Of(true), Build(Store(serving, [Evaluation("e1", null, ["m-1"])])).Get("genai.servingEvaluated").Value);
        Assert.Equal(FactValue.Of(true), Build(Store(serving, [Evaluation("e2", """[{"name": "qa", "version": "2"}]""")])).Get("genai.servingEvaluated").Value);
    }

    [Fact]
    public void An_evaluation_of_other_prompt_versions_or_without_scorers_does_not_cover_the_serving_version()
    {
        var serving = App("m-1", """[{"name": "qa", "version": "2"}]""");

        Assert.Equal(FactValue.Of(false), Build(Store(serving, [Evaluation("e1", """[{"name": "qa", "version": "1"}]""")])).Get("genai.servingEvaluated").Value);
        var facts = Build(Store(serving, [Evaluation("e2", null, ["m-1"], metric: "latency")]));
        Assert.Equal(FactValue.Of(false), facts.Get("genai.servingEvaluated").Value);
        Assert.Equal(FactValue.Of(0), facts.Get("genai.evaluationRunsWithScorers").Value);
    }

    [Fact]
    public void Feedback_from_evaluation_runs_and_overridden_feedback_is_not_feedback_on_traffic()
    {
        var assessments = new[]
        {
            new TraceAssessment { Id = "a1", TraceId = "t1", Name = "helpful", IsFeedback = true, SourceType = "HUMAN" },
            new TraceAssessment { Id = "a2", TraceId = "t1", Name = "helpful", IsFeedback = true, SourceType = "HUMAN", Valid = false },
            new TraceAssessment { Id = "a3", TraceId = "t2", Name = "correct", IsFeedback = true, SourceType = "CODE", SourceRunId = "e1" },
            new TraceAssessment { Id = "a4", TraceId = "t1", Name = "expected", IsFeedback = false, SourceType = "HUMAN" },
        };
        var store = Store(App("m-1", null)) is var s ? s with { GenAi = GenAiTally.Of([], assessments, evidence: s.GenAi) } : null!;

        Assert.Equal(FactValue.Of(1), Build(store).Get("genai.feedbackOnTraffic").Value);
    }

    [Fact]
    public void Days_since_the_last_trace_count_from_the_audit()
    {
        var traces = new[]
        {
            new GenAiTrace { Id = "t1", ExperimentId = "1", RequestTime = Now.AddDays(-40) },
            new GenAiTrace { Id = "t2", ExperimentId = "1", RequestTime = Now.AddDays(-12.5) },
        };

        Assert.Equal(FactValue.Of(12), Build(Store(App("m-1", null), traces: traces)).Get("genai.daysSinceLastTrace").Value);
    }

    [Theory]
    [InlineData("""[{"name": "qa", "version": "2"}, {"name": "sys", "version": 1}]""", "qa/2,sys/1")]
    [InlineData("""[{"name": "qa"}, {"version": "2"}, {"name": "qa", "version": "two"}]""", "")]
    [InlineData("not json", "")]
    [InlineData("""{"name": "qa", "version": "2"}""", "")]
    public void Linked_prompts_are_read_from_the_JSON_list_MLflow_writes(string json, string expected)
    {
        Assert.Equal(expected, string.Join(",", PromptRef.Parse(json)));
    }
}
