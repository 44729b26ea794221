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
