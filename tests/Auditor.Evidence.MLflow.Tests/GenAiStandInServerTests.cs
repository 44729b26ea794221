using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Auditor.Evidence.MLflow.Rest;
using Auditor.Testing;

namespace Auditor.Evidence.MLflow.Tests;

/// <summary>
/// The stand-in server's GenAI answers against the answers recorded from MLflow 3.11 serving the same store
/// (rest-examples-3.11-genai): the same requests give the same items in the same order and pages, every field the
/// stand-in sends is a field the real server sent with a value of the same JSON kind, and both map to the same records.
/// </summary>
public sealed class GenAiStandInServerTests : IDisposable
{
    private readonly Fixture _responses = Fixture.Unpack("rest-examples-3.11-genai");
    private readonly Fixture _store = Fixture.Unpack("genai-sqlite-3x");
    private readonly MlflowRestServer _server;
    private readonly HttpClient _http = new();

    public GenAiStandInServerTests()
    {
        _server = new MlflowRestServer(StoreFixture.Read(_store), pageSize: 1000) { SearchLeavesOutModelInputs = true };
    }

    [Theory]
    [InlineData("traces-v3-search-page1", """{"locations":[{"type":"MLFLOW_EXPERIMENT","mlflow_experiment":{"experiment_id":"1"}}],"max_results":20,"order_by":["timestamp_ms DESC"]}""")]
    [InlineData("traces-v3-search-page2", """{"locations":[{"type":"MLFLOW_EXPERIMENT","mlflow_experiment":{"experiment_id":"1"}}],"max_results":20,"order_by":["timestamp_ms DESC"],"page_token":"eyJvZmZzZXQiOiAyMH0="}""")]
    [InlineData("traces-v3-search-page3", """{"locations":[{"type":"MLFLOW_EXPERIMENT","mlflow_experiment":{"experiment_id":"1"}}],"max_results":20,"order_by":["timestamp_ms DESC"],"page_token":"eyJvZmZzZXQiOiA0MH0="}""")]
    public async Task Trace_pages_hold_the_recorded_traces_in_the_recorded_shape(string recording, string body)
    {
        var recorded = Load(recording);
        var served = await Post("/api/3.0/mlflow/traces/search", body);

        Assert.Equal(Ids(recorded, "traces", "trace_id"), Ids(served, "traces", "trace_id"));
        Assert.Equal(recorded["next_page_token"]?.ToString(), served["next_page_token"]?.ToString());
        AssertShapeWithin(recorded, served);
        Assert.Equal(Mapped(recorded), Mapped(served));
        Assert.Equal(recorded["traces"]!.AsArray().Select(t => t!["request_time"]!.ToString()), served["traces"]!.AsArray().Select(t => t!["request_time"]!.ToString()));
    }

    [Theory]
    [InlineData("traces-v2-search-page1", "?experiment_ids=1&max_results=20&order_by=timestamp_ms%20DESC")]
    [InlineData("traces-v2-search-page2", "?experiment_ids=1&max_results=20&order_by=timestamp_ms%20DESC&page_token=eyJvZmZzZXQiOiAyMH0%3D")]
    public async Task V2_trace_pages_hold_the_recorded_traces_in_the_recorded_shape(string recording, string query)
    {
        var recorded = Load(recording);
        var served = await Get("/api/2.0/mlflow/traces" + query);

        Assert.Equal(Ids(recorded, "traces", "request_id"), Ids(served, "traces", "request_id"));
        Assert.Equal(recorded["next_page_token"]?.ToString(), served["next_page_token"]?.ToString());
        AssertShapeWithin(recorded, served);
        Assert.Equal(MappedV2(recorded), MappedV2(served));
        Assert.Equal(recorded["traces"]!.AsArray().Select(t => t!["timestamp_ms"]!.GetValue<long>()), served["traces"]!.AsArray().Select(t => t!["timestamp_ms"]!.GetValue<long>()));
    }

    [Fact]
    public void A_v2_trace_maps_to_the_same_trace_as_its_v3_recording()
    {
        var v3 = Load("traces-v3-search-page1")["traces"]!.AsArray().Select(t => RestGenAiMapper.Trace(Element(t)).Trace);
        var v2 = Load("traces-v2-search-page1")["traces"]!.AsArray().Select(t => RestGenAiMapper.TraceV2(Element(t)));

        Assert.Equal(Json(v3), Json(v2));
        Assert.Contains(v2, t => t.LinkedPrompts.Count > 0 && t.SpanCount > 0 && t.ModelId is not null);
    }

    [Fact]
    public async Task A_traces_search_without_locations_is_refused_as_recorded()
    {
        using var response = await _http.PostAsync(_server.Uri + "/api/3.0/mlflow/traces/search", new StringContent("""{"max_results":5}""", Encoding.UTF8, "application/json"));
        var served = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(Load("error-traces-search-no-locations")["error_code"]!.ToString(), served["error_code"]!.ToString());
    }

    [Fact]
    public async Task Prompts_and_prompt_versions_are_served_as_recorded()
    {
        var prompts = Load("registered-models-search-prompts");
        var servedPrompts = await Get("/api/2.0/mlflow/registered-models/search?max_results=100&filter=tags.%60mlflow.prompt.is_prompt%60%20%3D%20%27true%27");
        var versions = Load("prompt-versions-search");
        var servedVersions = await Get("/api/2.0/mlflow/model-versions/search?max_results=100&order_by=version_number%20DESC&filter=name%20%3D%20%27support-system%27%20AND%20tag.%60mlflow.prompt.is_prompt%60%20%3D%20%27true%27");
        var unfiltered = await Get("/api/2.0/mlflow/registered-models/search?max_results=100");

        Assert.Equal(Ids(prompts, "registered_models", "name"), Ids(servedPrompts, "registered_models", "name"));
        Assert.Equal(Ids(Load("registered-models-search"), "registered_models", "name"), Ids(unfiltered, "registered_models", "name"));
        Assert.Equal(Ids(versions, "model_versions", "version"), Ids(servedVersions, "model_versions", "version"));
        AssertShapeWithin(prompts, servedPrompts);
        AssertShapeWithin(versions, servedVersions);
        var prompt = (JsonElement p) => RestModelMapper.RegisteredModel(p, []);
        Assert.Equal(Json(prompts["registered_models"]!.AsArray().Select(p => prompt(Element(p)))), Json(servedPrompts["registered_models"]!.AsArray().Select(p => prompt(Element(p)))));
        Assert.Equal(Json(versions["model_versions"]!.AsArray().Select(v => RestModelMapper.ModelVersion(Element(v), RestModelMapper.NoAliases))), Json(servedVersions["model_versions"]!.AsArray().Select(v => RestModelMapper.ModelVersion(Element(v), RestModelMapper.NoAliases))));
    }

    [Fact]
    public async Task Evaluation_datasets_their_records_and_experiments_are_served_as_recorded()
    {
        var datasets = Load("datasets-search");
        var served = await Post("/api/3.0/mlflow/datasets/search", """{"experiment_ids":["1"],"max_results":1000}""");
        const string id = "d-4a5f79aaa6a84e65a597e1203417d1da";
        var records = await Get($"/api/3.0/mlflow/datasets/{id}/records?max_results=3");

        Assert.Equal(Ids(datasets, "datasets", "dataset_id").Order(), Ids(served, "datasets", "dataset_id").Order());
        AssertShapeWithin(datasets, served);
        Assert.Equal(Json(datasets["datasets"]!.AsArray().Select(d => RestGenAiMapper.Dataset(Element(d))).OrderBy(d => d.Id, StringComparer.Ordinal).Select(d => d with { Tags = new SortedDictionary<string, string>(d.Tags.ToDictionary()) })),
            Json(served["datasets"]!.AsArray().Select(d => RestGenAiMapper.Dataset(Element(d))).OrderBy(d => d.Id, StringComparer.Ordinal).Select(d => d with { Tags = new SortedDictionary<string, string>(d.Tags.ToDictionary()) })));
        Assert.Equal(RestGenAiMapper.RecordCount(Element(Load("dataset-records"))), RestGenAiMapper.RecordCount(Element(records)));
        Assert.Equal(JsonValueKind.String, Element(records).GetProperty("records").ValueKind);
        Assert.NotNull(records["next_page_token"]);
        Assert.True(JsonNode.DeepEquals(Load("dataset-experiment-ids"), await Get($"/api/3.0/mlflow/datasets/{id}/experiment-ids")));
    }

    [Fact]
    public async Task Evaluation_runs_have_model_inputs_in_runs_get_only_as_recorded()
    {
        var searched = Load("runs-search-genai-evaluate");
        var servedSearch = await Post("/api/2.0/mlflow/runs/search", """{"experiment_ids":["1"],"max_results":100}""");
        var got = Load("runs-get-genai-evaluate");
        var servedGet = await Get("/api/2.0/mlflow/runs/get?run_id=9ce8418df2364588ab6f89265587ee61");

        foreach (var run in searched["runs"]!.AsArray())
        {
            var same = servedSearch["runs"]!.AsArray().Single(r => r!["info"]!["run_id"]!.ToString() == run!["info"]!["run_id"]!.ToString());
            Assert.Equal(run!["inputs"]?["model_inputs"] is null, same!["inputs"]?["model_inputs"] is null);
            Assert.Equal(RestModelMapper.Run(Element(run)).Metrics.Keys.Order(), RestModelMapper.Run(Element(same)).Metrics.Keys.Order());
        }

        Assert.Equal(RestModelMapper.Run(Element(got["run"]!)).InputModelIds, RestModelMapper.Run(Element(servedGet["run"]!)).InputModelIds);
        Assert.NotEmpty(RestModelMapper.Run(Element(servedGet["run"]!)).InputModelIds);
    }

    /// <summary>Every field the stand-in sends, the real server sent too, with a value of the same JSON kind (or null).</summary>
    private static void AssertShapeWithin(JsonNode recorded, JsonNode served)
    {
        var known = Paths(recorded).ToHashSet();
        var extra = Paths(served).Where(p => !known.Contains(p) && !known.Contains((p.Path, "null")) && p.Kind != "null").Distinct().ToList();
        Assert.True(extra.Count == 0, "not in the recording: " + string.Join(", ", extra));
    }

    private static IEnumerable<(string Path, string Kind)> Paths(JsonNode? node, string path = "")
    {
        switch (node)
        {
            case JsonObject o:
                yield return (path, "object");
                foreach (var (key, value) in o)
                {
                    foreach (var p in Paths(value, path + "." + key))
                    {
                        yield return p;
                    }
                }

                break;
            case JsonArray a:
                yield return (path, "array");
                foreach (var p in a.SelectMany(item => Paths(item, path + "[]")))
                {
                    yield return p;
                }

                break;
            case null:
                yield return (path, "null");
                break;
            default:
                yield return (path, node.GetValueKind().ToString());
                break;
        }
    }

    private static string Mapped(JsonNode page) =>
        Json(page["traces"]!.AsArray().Select(t => RestGenAiMapper.Trace(Element(t))).Select(t => new { t.Trace, Assessments = t.Assessments.OrderBy(a => a.Id, StringComparer.Ordinal).ToList() }));

    private static string MappedV2(JsonNode page) =>
        Json(page["traces"]!.AsArray().Select(t => RestGenAiMapper.TraceV2(Element(t))));

    private static List<string> Ids(JsonNode page, string field, string id) =>
        page[field]?.AsArray().Select(i => i![id]!.ToString()).ToList() ?? [];

    private static JsonElement Element(JsonNode? node) => JsonDocument.Parse(node!.ToJsonString()).RootElement.Clone();

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);

    private JsonNode Load(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(_responses.Path, name + ".json")))!;

    private async Task<JsonNode> Get(string path) => JsonNode.Parse(await _http.GetStringAsync(_server.Uri + path))!;

    private async Task<JsonNode> Post(string path, string body)
    {
        using var response = await _http.PostAsync(_server.Uri + path, new StringContent(body, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public void Dispose()
    {
        _server.Dispose();
        _http.Dispose();
        _store.Dispose();
        _responses.Dispose();
    }
}
