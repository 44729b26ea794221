using System.Text.Json;
using Auditor.Core.Tracking;
using Auditor.Evidence.MLflow.Rest;
using Auditor.Testing;

namespace Auditor.Evidence.MLflow.Tests;

/// <summary>
/// Responses recorded from MLflow 3.11 serving genai-sqlite-3x (rest-examples-3.11-genai), mapped through the REST
/// reader's GenAI mapper, must say what reading the same SQLite store directly says.
/// </summary>
public sealed class RecordedGenAiResponseTests
{
    [Fact]
    public void Traces_and_their_inline_assessments_map_to_the_stored_facts()
    {
        using var responses = Fixture.Unpack("rest-examples-3.11-genai");
        using var fixture = Fixture.Unpack("genai-sqlite-3x");
        var direct = StoreJson.AsRestSeesIt(StoreFixture.Read(fixture)).GenAi;

        var read = new[] { 1, 2, 3 }.SelectMany(p => Load(responses, $"traces-v3-search-page{p}").GetProperty("traces").EnumerateArray()).Select(RestGenAiMapper.Trace).ToList();

        Assert.Equal(43, read.Count);
        Assert.Equal(direct.RecentTraces.Where(t => t.ExperimentId == "1").OrderBy(t => t.Id, StringComparer.Ordinal).Select(Json), read.Select(r => r.Trace).OrderBy(t => t.Id, StringComparer.Ordinal).Select(Json));
        Assert.All(read, r => Assert.True(r.Trace.SpanCount > 0));
        // Every assessment of the store is on a trace of experiment 1; invalid (overridden) ones come inline too.
        Assert.Equal(direct.RecentAssessments.OrderBy(a => a.Id, StringComparer.Ordinal).Select(Json), read.SelectMany(r => r.Assessments).OrderBy(a => a.Id, StringComparer.Ordinal).Select(Json));
        Assert.Contains(read.SelectMany(r => r.Assessments), a => !a.Valid);
        Assert.Contains(read.SelectMany(r => r.Assessments), a => a.HasError);
    }

    [Fact]
    public void Traces_found_by_the_error_filter_are_the_stored_error_traces()
    {
        using var responses = Fixture.Unpack("rest-examples-3.11-genai");
        using var fixture = Fixture.Unpack("genai-sqlite-3x");
        var direct = StoreJson.AsRestSeesIt(StoreFixture.Read(fixture)).GenAi;

        var read = Load(responses, "traces-v3-search-error-filter").GetProperty("traces").EnumerateArray().Select(e => RestGenAiMapper.Trace(e).Trace).ToList();

        Assert.Equal(direct.RecentTraces.Where(t => t.State == "ERROR").OrderBy(t => t.Id, StringComparer.Ordinal).Select(Json), read.OrderBy(t => t.Id, StringComparer.Ordinal).Select(Json));
    }

    [Fact]
    public void Prompts_and_their_versions_map_to_the_stored_prompts()
    {
        using var responses = Fixture.Unpack("rest-examples-3.11-genai");
        using var fixture = Fixture.Unpack("genai-sqlite-3x");
        var direct = StoreJson.AsRestSeesIt(StoreFixture.Read(fixture)).GenAi;

        var prompts = Load(responses, "registered-models-search-prompts").GetProperty("registered_models").EnumerateArray().ToList();
        var unfiltered = Load(responses, "registered-models-search").GetProperty("registered_models").EnumerateArray().ToList();
        var prompt = prompts.Single(p => p.Str("name") == "support-system");
        var aliases = RestModelMapper.Aliases(prompt);
        var versions = Load(responses, "prompt-versions-search").GetProperty("model_versions").EnumerateArray().Select(v => RestModelMapper.ModelVersion(v, aliases)).ToList();

        Assert.Equal(direct.Prompts.Select(p => p.Name).Order(StringComparer.Ordinal), prompts.Select(p => p.Str("name")!).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(unfiltered, m => m.Str("name") == "support-system");
        // model-versions/search leaves out aliases: they come from the prompt's own list.
        Assert.All(Load(responses, "prompt-versions-search").GetProperty("model_versions").EnumerateArray(), v => Assert.False(v.TryGetProperty("aliases", out _)));
        Assert.Equal(StoreJson.Records(new TrackingStore { Kind = TrackingStoreKind.Rest, Uri = "", RegisteredModels = [direct.Prompts.Single(p => p.Name == "support-system")] }),
            StoreJson.Records(new TrackingStore { Kind = TrackingStoreKind.Rest, Uri = "", RegisteredModels = [RestModelMapper.RegisteredModel(prompt, aliases, versions)] }));
    }

    [Fact]
    public void Evaluation_datasets_map_to_the_stored_datasets()
    {
        using var responses = Fixture.Unpack("rest-examples-3.11-genai");
        using var fixture = Fixture.Unpack("genai-sqlite-3x");
        var direct = StoreFixture.Read(fixture).GenAi.EvaluationDatasets;

        var read = Load(responses, "datasets-search").GetProperty("datasets").EnumerateArray().Select(RestGenAiMapper.Dataset).ToList();

        Assert.Equal(direct.Count, read.Count);
        foreach (var dataset in read)
        {
            var stored = direct.Single(d => d.Id == dataset.Id);
            Assert.Equal(Json(stored with { RecordCount = 0, ExperimentIds = [], Tags = Sorted(stored.Tags) }), Json(dataset with { Tags = Sorted(dataset.Tags) }));
        }

        // Records pages: one JSON-encoded list each (3 per page here), and the experiments of a dataset.
        Assert.Equal(3, RestGenAiMapper.RecordCount(Load(responses, "dataset-records")));
        Assert.Equal(3, RestGenAiMapper.RecordCount(Load(responses, "dataset-records-page2")));
        Assert.Equal(direct.Single(d => d.Id == "d-4a5f79aaa6a84e65a597e1203417d1da").ExperimentIds, Load(responses, "dataset-experiment-ids").Array("experiment_ids").Select(i => i.GetString()!));
    }

    private static SortedDictionary<string, string> Sorted(IReadOnlyDictionary<string, string> map) => new(map.ToDictionary(), StringComparer.Ordinal);

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);

    private static JsonElement Load(Fixture responses, string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(responses.Path, name + ".json"))).RootElement.Clone();
}
