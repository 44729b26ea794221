using System.Text.Json;
using Auditor.Core.Evidence;
using Auditor.Core.Trace;
using Auditor.Core.Tracking;
using Auditor.Testing;

namespace Auditor.Evidence.MLflow.Tests;

/// <summary>
/// The registered versions of the support-bot application in genai-file-3x and genai-sqlite-3x traced to their prompts,
/// evaluation runs and commit, against what MLflow's client read back (expected/genai-*-3x.inventory.json).
/// </summary>
public sealed class GenAiVersionTraceTests
{
    [Theory]
    [InlineData("genai-file-3x")]
    [InlineData("genai-sqlite-3x")]
    public void Each_application_version_is_traced_to_its_prompts_evaluations_and_commit(string name)
    {
        using var fixture = Fixture.Unpack(name);
        var store = StoreFixture.Read(fixture);
        var genai = Fixture.Expected(name).GetProperty("genai");
        var models = genai.GetProperty("logged_models").GetProperty("list").EnumerateArray().ToDictionary(m => m.GetProperty("model_id").GetString()!);
        var evaluations = genai.GetProperty("evaluation_runs").GetProperty("list").EnumerateArray().ToList();

        var traces = TraceBuilder.Build(Bundle(store));

        Assert.Equal(2, traces.Count);
        foreach (var trace in traces)
        {
            var app = Assert.IsType<ApplicationTrace>(trace.Application);
            var model = models[app.LoggedModel];
            Assert.Equal(trace.LoggedModel, app.LoggedModel);
            Assert.Contains(model.GetProperty("registered_versions").EnumerateArray(), v => v.GetProperty("version").GetInt32() == trace.Version);
            var prompts = Strings(model.GetProperty("linked_prompts"));
            Assert.Equal(prompts, app.Prompts.Select(p => $"{p.Name}/{p.Version}").Order(StringComparer.Ordinal));
            Assert.All(app.Prompts, p => Assert.Equal(PromptLinkState.Present, p.State));
            // Covered: the evaluation evaluated this logged model, one with the same prompt versions, or prompt versions all of which it uses.
            var covering = evaluations.Where(e =>
                    Strings(e.GetProperty("model_inputs")).Contains(app.LoggedModel)
                    || Strings(e.GetProperty("model_inputs")).Any(id => models.TryGetValue(id, out var m) && Strings(m.GetProperty("linked_prompts")).SequenceEqual(prompts))
                    || Strings(e.GetProperty("linked_prompts")).All(prompts.Contains))
                .Select(e => e.GetProperty("run_id").GetString()!).Order(StringComparer.Ordinal).ToList();
            Assert.Single(covering);
            Assert.Equal(covering, app.Evaluations.Select(e => e.RunId));
            var evaluation = evaluations.Single(e => e.GetProperty("run_id").GetString() == covering[0]);
            Assert.Equal(Strings(evaluation.GetProperty("scorer_names_from_metrics")), app.Evaluations[0].Scorers);
            Assert.Equal(evaluation.GetProperty("n_traces").GetInt32(), app.Evaluations[0].Traces);
            Assert.Equal("prompts", app.Evaluations[0].Match);
            Assert.Equal(model.GetProperty("n_traces").GetInt32(), app.Traces);
            Assert.Equal(trace.Commit, app.Commit);
            Assert.NotNull(app.Commit);
            Assert.DoesNotContain(trace.Gaps, g => g.Contains("prompt", StringComparison.Ordinal) || g.Contains("evaluation", StringComparison.Ordinal));
        }

        // The production alias of support-system is a version one of the application versions is pinned to.
        Assert.Contains(traces.SelectMany(t => t.Application!.Prompts), p => p.Name == "support-system" && p.Aliases.Contains("production"));
    }

    [Theory]
    [InlineData("genai-file-3x")]
    [InlineData("genai-sqlite-3x")]
    public void Each_unregistered_application_version_is_traced_to_its_prompts_evaluations_and_commit(string name)
    {
        using var fixture = Fixture.Unpack(name);
        var store = StoreFixture.Read(fixture);
        var genai = Fixture.Expected(name).GetProperty("genai");
        var unregistered = genai.GetProperty("logged_models").GetProperty("list").EnumerateArray()
            .Where(m => m.GetProperty("registered_versions").GetArrayLength() == 0).ToDictionary(m => m.GetProperty("model_id").GetString()!);
        var evaluations = genai.GetProperty("evaluation_runs").GetProperty("list").EnumerateArray().ToList();

        var applications = TraceBuilder.Applications(Bundle(store));

        // Four logged app versions (set_active_model, with prompts and traces) are registered as no version.
        Assert.Equal(4, applications.Count);
        Assert.Equal(unregistered.Keys.Order(StringComparer.Ordinal), applications.Select(a => a.LoggedModel).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(applications, a => TraceBuilder.Build(Bundle(store)).Any(t => t.LoggedModel == a.LoggedModel));
        foreach (var trace in applications)
        {
            var model = unregistered[trace.LoggedModel];
            var app = trace.Application;
            Assert.Equal(trace.LoggedModel, app.LoggedModel);
            Assert.Equal(model.GetProperty("name").GetString(), trace.Name);
            Assert.Null(trace.SourceRunId);
            Assert.Equal(RunState.Active, trace.RunState);
            var prompts = Strings(model.GetProperty("linked_prompts"));
            Assert.Equal(prompts, app.Prompts.Select(p => $"{p.Name}/{p.Version}").Order(StringComparer.Ordinal));
            Assert.All(app.Prompts, p => Assert.Equal(PromptLinkState.Present, p.State));
            Assert.Equal(model.GetProperty("n_traces").GetInt32(), app.Traces);
            var byModel = evaluations.Where(e => Strings(e.GetProperty("model_inputs")).Contains(trace.LoggedModel)).Select(e => e.GetProperty("run_id").GetString()!).ToList();
            var byPrompts = evaluations.Where(e => !byModel.Contains(e.GetProperty("run_id").GetString()!) && Strings(e.GetProperty("linked_prompts")).All(prompts.Contains)).Select(e => e.GetProperty("run_id").GetString()!).ToList();
            Assert.Equal(byModel.Order(StringComparer.Ordinal), app.Evaluations.Where(e => e.Match == "model").Select(e => e.RunId));
            Assert.Equal(byPrompts.Order(StringComparer.Ordinal), app.Evaluations.Where(e => e.Match == "prompts").Select(e => e.RunId));
            // The commit is the logged model's own git tag (there is no source run), as in its traces.
            Assert.NotNull(app.Commit);
            Assert.Equal(app.Commit, store.LoggedModels.Single(m => m.Id == trace.LoggedModel).Tags["mlflow.source.git.commit"]);
            Assert.All(store.GenAi.RecentTraces.Where(t => t.ModelId == trace.LoggedModel && t.GitCommit is not null), t => Assert.Equal(app.Commit, t.GitCommit));
            Assert.Equal(app.Evaluations.Count == 0, trace.Gaps.Contains($"no evaluation run evaluated the application {trace.LoggedModel} or its prompt versions"));
            Assert.Equal(app.Evaluations.Count == 0 ? Verdict.Partial : Verdict.Reproducible, trace.Verdict);
        }

        // The first application version (v1 prompts) was never evaluated; the two evaluated ones match by model.
        Assert.Contains(applications, a => a.Application.Evaluations.Count == 0 && a.Application.Prompts.All(p => p.Version == 1));
        Assert.Equal(2, applications.Count(a => a.Application.Evaluations.Any(e => e.Match == "model")));
    }

    [Fact]
    public void A_deleted_or_promptless_untraced_logged_model_is_no_application_version()
    {
        using var fixture = Fixture.Unpack("genai-sqlite-3x");
        var store = StoreFixture.Read(fixture);
        var first = TraceBuilder.Applications(Bundle(store))[0].LoggedModel;
        var changed = store with
        {
            LoggedModels = store.LoggedModels.Select(m => m.Id == first ? m with { Lifecycle = Lifecycle.Deleted } : m)
                .Append(new LoggedModel { Id = "m-classic", ExperimentId = "1", Name = "sklearn-model" }).ToList(),
        };

        var applications = TraceBuilder.Applications(Bundle(changed));

        Assert.Equal(3, applications.Count);
        Assert.DoesNotContain(applications, a => a.LoggedModel is "m-classic" || a.LoggedModel == first);
    }

    [Fact]
    public void A_classic_store_has_no_unregistered_application_versions()
    {
        using var fixture = Fixture.Unpack("tracked-sqlite-3x");
        var store = StoreFixture.Read(fixture);

        Assert.NotEmpty(store.LoggedModels);
        Assert.Empty(TraceBuilder.Applications(Bundle(store)));
    }

    [Fact]
    public void A_prompt_version_missing_from_the_registry_breaks_the_trace()
    {
        using var fixture = Fixture.Unpack("genai-sqlite-3x");
        var store = StoreFixture.Read(fixture);
        var withoutV3 = store with
        {
            GenAi = store.GenAi with
            {
                Prompts = store.GenAi.Prompts.Select(p => p.Name == "support-system" ? p with { Versions = p.Versions.Where(v => v.Version != 3).ToList() } : p).ToList(),
            },
        };

        var traces = TraceBuilder.Build(Bundle(withoutV3));

        var pinned = traces.Single(t => t.Application!.Prompts.Any(p => p.Name == "support-system" && p.Version == 3));
        Assert.Equal(Verdict.Broken, pinned.Verdict);
        Assert.Equal(PromptLinkState.MissingVersion, pinned.Application!.Prompts.Single(p => p.Name == "support-system").State);
        Assert.Contains("prompt support-system has no version 3 in the registry", pinned.Gaps);
        Assert.All(traces.Where(t => t != pinned), t => Assert.NotEqual(Verdict.Broken, t.Verdict));
    }

    [Fact]
    public void A_classic_version_has_no_application()
    {
        using var fixture = Fixture.Unpack("tracked-sqlite-3x");

        var traces = TraceBuilder.Build(Bundle(StoreFixture.Read(fixture)));

        Assert.NotEmpty(traces);
        Assert.All(traces, t => Assert.Null(t.Application));
    }

    private static EvidenceBundle Bundle(TrackingStore store) => new()
    {
        ProjectPath = "/p",
        CollectedAt = DateTimeOffset.UnixEpoch,
        Repository = Collected<RepositoryEvidence>.Absent("no repository"),
        Tracking = Collected<TrackingStore>.Present(store),
    };

    private static List<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal).ToList();
}
