using Auditor.Core.Evidence;
using Auditor.Core.Trace;
using Auditor.Core.Tracking;

namespace Auditor.Core.Tests;

/// <summary>A registered version of a GenAI application traced to its prompts, evaluations and commit, on hand-built stores.</summary>
public sealed class ApplicationTraceTests
{
    private static readonly RegisteredModel Prompt = new()
    {
        Name = "qa",
        Tags = new Dictionary<string, string> { [SystemTags.IsPrompt] = "true" },
        Aliases = new Dictionary<string, int> { ["production"] = 2 },
        Versions = [new ModelVersion { ModelName = "qa", Version = 1 }, new ModelVersion { ModelName = "qa", Version = 2 }],
    };

    private static ModelTrace Trace(string? prompts, IReadOnlyList<Run>? runs = null, string? commitTag = null)
    {
        var tags = new Dictionary<string, string>();
        if (prompts is not null)
        {
            tags[SystemTags.LinkedPrompts] = prompts;
        }

        if (commitTag is not null)
        {
            tags[SystemTags.GitCommit] = commitTag;
        }

        var store = new TrackingStore
        {
            Kind = TrackingStoreKind.Sqlite,
            Uri = "sqlite:///mlflow.db",
            Runs = runs ?? [],
            LoggedModels = [new LoggedModel { Id = "m-app", ExperimentId = "1", Tags = tags }],
            RegisteredModels = [new RegisteredModel { Name = "bot", Versions = [new ModelVersion { ModelName = "bot", Version = 1, ModelId = "m-app" }] }],
            GenAi = new GenAiEvidence { Prompts = [Prompt] },
        };
        return Assert.Single(TraceBuilder.Build(new EvidenceBundle
        {
            ProjectPath = "/p",
            CollectedAt = DateTimeOffset.UnixEpoch,
            Repository = Collected<RepositoryEvidence>.Absent("no repository"),
            Tracking = Collected<TrackingStore>.Present(store),
        }));
    }

    private static Run Evaluation(string? models) => new()
    {
        Id = "eval-1",
        ExperimentId = "1",
        Name = "eval",
        Tags = new Dictionary<string, string> { [SystemTags.RunType] = EvaluationRun.GenAiEvaluateRunType },
        Metrics = new Dictionary<string, MetricSummary> { ["correct/mean"] = new() { Key = "correct/mean", Count = 1, Steps = 1, Last = 1, Min = 1, Max = 1 } },
        InputModelIds = models is null ? [] : [models],
    };

    [Fact]
    public void A_version_pinned_to_a_registered_prompt_version_and_evaluated_has_no_application_gap()
    {
        var trace = Trace("""[{"name": "qa", "version": "2"}]""", [Evaluation("m-app")], commitTag: "abc123");

        var app = Assert.IsType<ApplicationTrace>(trace.Application);
        var prompt = Assert.Single(app.Prompts);
        Assert.Equal(("qa", 2, PromptLinkState.Present, "production"), (prompt.Name, prompt.Version, prompt.State, string.Join(",", prompt.Aliases)));
        var evaluation = Assert.Single(app.Evaluations);
        Assert.Equal(("eval-1", "model", "correct"), (evaluation.RunId, evaluation.Match, string.Join(",", evaluation.Scorers)));
        Assert.Equal(("abc123", CommitState.Unknown), (app.Commit, app.CommitState));
        Assert.DoesNotContain(trace.Gaps, g => g.Contains("application", StringComparison.Ordinal) || g.Contains("prompt", StringComparison.Ordinal));
    }

    [Fact]
    public void A_linked_prompt_the_registry_lacks_breaks_the_trace()
    {
        var trace = Trace("""[{"name": "qa", "version": "7"}, {"name": "gone", "version": "1"}]""", [Evaluation("m-app")]);

        Assert.Equal(Verdict.Broken, trace.Verdict);
        Assert.Equal([PromptLinkState.Missing, PromptLinkState.MissingVersion], trace.Application!.Prompts.Select(p => p.State));
        Assert.Contains("prompt gone/1 is not in the prompt registry", trace.Gaps);
        Assert.Contains("prompt qa has no version 7 in the registry", trace.Gaps);
        Assert.Contains("the application m-app records no git commit of its code", trace.Gaps);
    }

    [Fact]
    public void An_application_never_evaluated_has_that_gap_and_a_model_without_GenAI_links_has_no_application()
    {
        var unevaluated = Trace("""[{"name": "qa", "version": "1"}]""", [Evaluation("m-other")]);
        var classic = Trace(null);

        Assert.Empty(unevaluated.Application!.Evaluations);
        Assert.Contains("no evaluation run evaluated the application m-app or its prompt versions", unevaluated.Gaps);
        Assert.Null(classic.Application);
    }
}
