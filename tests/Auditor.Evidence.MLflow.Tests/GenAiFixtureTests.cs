using System.Text.Json;
using Auditor.Core.Tracking;
using Auditor.Testing;

namespace Auditor.Evidence.MLflow.Tests;

/// <summary>
/// The GenAI entities of genai-file-3x and genai-sqlite-3x (written by MLflow 3.11) against what MLflow's own client read
/// back (expected/genai-*-3x.inventory.json, block "genai").
/// </summary>
public sealed class GenAiFixtureTests
{
    public static TheoryData<string, TrackingStoreKind> Stores => new()
    {
        { "genai-file-3x", TrackingStoreKind.File },
        { "genai-sqlite-3x", TrackingStoreKind.Sqlite },
    };

    [Theory]
    [MemberData(nameof(Stores))]
    public void Prompts_are_kept_apart_from_registered_models(string name, TrackingStoreKind kind)
    {
        using var fixture = Fixture.Unpack(name);
        var store = StoreFixture.Read(fixture);
        var expected = Fixture.Expected(name).GetProperty("genai").GetProperty("prompts");

        Assert.Equal(kind, store.Kind);
        Assert.Equal(Strings(expected.GetProperty("registered_models_excluding_prompts")), store.RegisteredModels.Select(m => m.Name).ToList());
        Assert.Equal(expected.GetProperty("total").GetInt32(), store.GenAi.Prompts.Count);
        Assert.Equal(expected.GetProperty("versions_total").GetInt32(), store.GenAi.Prompts.Sum(p => p.Versions.Count));
        foreach (var prompt in expected.GetProperty("list").EnumerateArray())
        {
            var read = Assert.Single(store.GenAi.Prompts, p => p.Name == prompt.GetProperty("name").GetString());
            Assert.Equal(prompt.GetProperty("description").GetString(), read.Description);
            Assert.Equal(prompt.GetProperty("n_versions").GetInt32(), read.Versions.Count);
            Assert.Equal(
                prompt.GetProperty("aliases").EnumerateObject().Select(a => (a.Name, a.Value.GetInt32())).Order().ToList(),
                read.Aliases.Select(a => (a.Key, a.Value)).Order().ToList());
            foreach (var version in prompt.GetProperty("versions").EnumerateArray())
            {
                var v = Assert.Single(read.Versions, x => x.Version == version.GetProperty("version").GetInt32());
                Assert.Equal(version.GetProperty("commit_message").GetString(), v.Description);
                Assert.Equal(Strings(version.GetProperty("aliases")), v.Aliases);
            }
        }

        Assert.Equal(Strings(expected.GetProperty("never_loaded")), PromptLinks.NeverLoaded(store).Select(p => p.Name).ToList());
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public void Traces_match_what_mlflow_read_back(string name, TrackingStoreKind kind)
    {
        using var fixture = Fixture.Unpack(name);
        var store = StoreFixture.Read(fixture);
        var expected = Fixture.Expected(name).GetProperty("genai").GetProperty("traces");
        var genai = store.GenAi;
        var traces = genai.RecentTraces;
        var groups = genai.TraceGroups;

        Assert.Equal(kind, store.Kind);
        Assert.Empty(store.Problems);

        // The counts: every trace, as groups.
        Assert.Equal(expected.GetProperty("total").GetInt32(), genai.TraceCount);
        Assert.Equal(Counts(expected.GetProperty("by_state")), Sum(groups, g => g.State, g => g.Count));
        Assert.Equal(Counts(expected.GetProperty("per_experiment_id")), Sum(groups, g => g.ExperimentId, g => g.Count));
        Assert.Equal(Counts(expected.GetProperty("by_model_id")), Sum(groups, g => g.ModelId, g => g.Count));
        Assert.Equal(expected.GetProperty("earliest_request_time_ms").GetInt64(), groups.Min(g => g.First)!.Value.ToUnixTimeMilliseconds());
        Assert.Equal(expected.GetProperty("latest_request_time_ms").GetInt64(), groups.Max(g => g.Last)!.Value.ToUnixTimeMilliseconds());
        Assert.Equal(expected.GetProperty("from_evaluation_runs").GetInt32(), groups.Where(g => g.SourceRunId is not null).Sum(g => g.Count));
        Assert.Equal(expected.GetProperty("with_linked_prompts").GetInt32(), groups.Where(g => g.LinkedPrompts.Count > 0).Sum(g => g.Count));
        Assert.Equal(expected.GetProperty("spans_total").GetInt32(), genai.SpanCount);
        var latest = GenAiEvidence.Latest(groups)!;
        Assert.Equal(traces.MaxBy(t => t.RequestTime)!.Id, latest.LastId);

        // The sample: the newest traces of each experiment in full; a fixture has fewer than the bound, so all of them.
        Assert.Equal(expected.GetProperty("total").GetInt32(), traces.Count);
        Assert.Equal(traces.OrderBy(t => t.RequestTime).ThenBy(t => t.Id, StringComparer.Ordinal).Select(t => t.Id), traces.Select(t => t.Id));
        Assert.Equal(Counts(expected.GetProperty("by_state")), Count(traces, t => t.State));
        Assert.Equal(Counts(expected.GetProperty("by_git_commit")), Count(traces, t => t.GitCommit));
        Assert.Equal(expected.GetProperty("with_session").GetInt32(), traces.Count(t => t.Session is not null));
        Assert.Equal(expected.GetProperty("with_assessments").GetInt32(), genai.RecentAssessments.Select(a => a.TraceId).Distinct().Count());
        Assert.Equal(expected.GetProperty("spans_total").GetInt32(), traces.Sum(t => t.SpanCount));
        foreach (var trace in expected.GetProperty("list").EnumerateArray())
        {
            var read = Assert.Single(traces, t => t.Id == trace.GetProperty("trace_id").GetString());
            Assert.Equal(trace.GetProperty("n_spans").GetInt32(), read.SpanCount);
            Assert.Equal(trace.GetProperty("name").GetString(), read.RootSpanName);
            Assert.Equal(trace.GetProperty("source_run").GetString(), read.SourceRunId);
            Assert.Equal(Strings(trace.GetProperty("linked_prompts")), read.LinkedPrompts.Select(p => p.ToString()).Order(StringComparer.Ordinal).ToList());
            Assert.Equal(trace.GetProperty("n_assessments").GetInt32(), genai.RecentAssessments.Count(a => a.TraceId == read.Id));
        }
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public void Assessments_match_what_mlflow_read_back(string name, TrackingStoreKind kind)
    {
        using var fixture = Fixture.Unpack(name);
        var store = StoreFixture.Read(fixture);
        var expected = Fixture.Expected(name).GetProperty("genai").GetProperty("assessments");
        var groups = store.GenAi.AssessmentGroups;
        var assessments = store.GenAi.RecentAssessments;

        Assert.Equal(kind, store.Kind);

        // The counts, as groups.
        Assert.Equal(expected.GetProperty("total").GetInt32(), store.GenAi.AssessmentCount);
        Assert.Equal(expected.GetProperty("feedback").GetInt32(), groups.Where(a => a.IsFeedback).Sum(a => a.Count));
        Assert.Equal(expected.GetProperty("expectation").GetInt32(), groups.Where(a => !a.IsFeedback).Sum(a => a.Count));
        Assert.Equal(Counts(expected.GetProperty("by_source_type")), Sum(groups, a => a.SourceType, a => a.Count));
        Assert.Equal(Counts(expected.GetProperty("by_name")), Sum(groups, a => a.Name, a => a.Count));
        Assert.Equal(expected.GetProperty("valid").GetInt32(), groups.Where(a => a.Valid).Sum(a => a.Count));
        Assert.Equal(expected.GetProperty("from_evaluation_runs").GetInt32(), groups.Where(a => a.SourceRunId is not null).Sum(a => a.Count));

        // The assessments of the trace sample (every trace of a fixture), in full.
        Assert.Equal(expected.GetProperty("total").GetInt32(), assessments.Count);
        Assert.Equal(Counts(expected.GetProperty("by_name")), Count(assessments, a => a.Name));
        Assert.Equal(expected.GetProperty("valid").GetInt32(), assessments.Count(a => a.Valid));
        Assert.Equal(expected.GetProperty("overrides").GetInt32(), assessments.Count(a => a.Overrides is not null));
        Assert.Equal(expected.GetProperty("with_error").GetInt32(), assessments.Count(a => a.HasError));
        Assert.Equal(expected.GetProperty("span_level").GetInt32(), assessments.Count(a => a.SpanId is not null));
        Assert.Equal(expected.GetProperty("from_evaluation_runs").GetInt32(), assessments.Count(a => a.SourceRunId is not null));
        Assert.Equal(Strings(expected.GetProperty("human_source_ids")), assessments.Where(a => a.SourceType == "HUMAN").Select(a => a.SourceId!).Distinct().Order(StringComparer.Ordinal).ToList());
        Assert.Equal(Strings(expected.GetProperty("code_source_ids")), assessments.Where(a => a.SourceType == "CODE").Select(a => a.SourceId!).Distinct().Order(StringComparer.Ordinal).ToList());
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public void Evaluation_runs_logged_models_and_datasets_match(string name, TrackingStoreKind kind)
    {
        using var fixture = Fixture.Unpack(name);
        var store = StoreFixture.Read(fixture);
        var genai = Fixture.Expected(name).GetProperty("genai");

        Assert.Equal(kind, store.Kind);
        var evaluations = EvaluationRun.Of(store);
        Assert.Equal(genai.GetProperty("evaluation_runs").GetProperty("total").GetInt32(), evaluations.Count);
        foreach (var run in genai.GetProperty("evaluation_runs").GetProperty("list").EnumerateArray())
        {
            var read = Assert.Single(evaluations, e => e.Run.Id == run.GetProperty("run_id").GetString());
            Assert.Equal(Strings(run.GetProperty("scorer_names_from_metrics")), read.Scorers);
            Assert.Equal(run.GetProperty("n_traces").GetInt32(), read.TraceCount);
            Assert.Equal(Strings(run.GetProperty("model_inputs")), read.Run.InputModelIds);
            Assert.Equal(Strings(run.GetProperty("linked_prompts")), PromptLinks.OfRun(read.Run).Select(p => p.ToString()).Order(StringComparer.Ordinal).ToList());
        }

        var models = genai.GetProperty("logged_models");
        Assert.Equal(models.GetProperty("with_linked_prompts").GetInt32(), store.LoggedModels.Count(m => PromptLinks.OfModel(m).Count > 0));
        foreach (var model in models.GetProperty("list").EnumerateArray())
        {
            var read = Assert.Single(store.LoggedModels, m => m.Id == model.GetProperty("model_id").GetString());
            Assert.Equal(Strings(model.GetProperty("linked_prompts")), PromptLinks.OfModel(read).Select(p => p.ToString()).Order(StringComparer.Ordinal).ToList());
            Assert.Equal(model.GetProperty("n_traces").GetInt32(), store.GenAi.TraceGroups.Where(t => t.ModelId == read.Id).Sum(t => t.Count));
        }

        var datasets = genai.GetProperty("evaluation_datasets");
        Assert.Equal(datasets.GetProperty("supported").GetBoolean(), store.GenAi.EvaluationDatasetsSupported);
        Assert.Equal(datasets.GetProperty("total").GetInt32(), store.GenAi.EvaluationDatasets.Count);
        foreach (var dataset in datasets.TryGetProperty("list", out var list) ? list.EnumerateArray() : default)
        {
            var read = Assert.Single(store.GenAi.EvaluationDatasets, d => d.Id == dataset.GetProperty("dataset_id").GetString());
            Assert.Equal(dataset.GetProperty("name").GetString(), read.Name);
            Assert.Equal(dataset.GetProperty("n_records").GetInt32(), read.RecordCount);
            Assert.Equal(dataset.GetProperty("digest").GetString(), read.Digest);
            Assert.Equal(dataset.GetProperty("created_by").GetString(), read.CreatedBy);
            Assert.Equal(Strings(dataset.GetProperty("experiment_ids")), read.ExperimentIds);
            Assert.Equal(dataset.GetProperty("tags").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!), read.Tags.ToDictionary());
        }
    }

    private static List<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal).ToList();

    private static SortedDictionary<string, int> Counts(JsonElement map) =>
        new(map.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32()), StringComparer.Ordinal);

    private static SortedDictionary<string, int> Sum<T>(IEnumerable<T> groups, Func<T, string?> key, Func<T, int> count) =>
        new(groups.Where(g => key(g) is not null).GroupBy(g => key(g)!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(count)), StringComparer.Ordinal);

    private static SortedDictionary<string, int> Count<T>(IEnumerable<T> items, Func<T, string?> key) =>
        new(items.Select(key).OfType<string>().GroupBy(k => k, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()), StringComparer.Ordinal);
}
