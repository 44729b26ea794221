using Auditor.Core.Evidence;
using Auditor.Core.Tracking;
using Auditor.Testing;

namespace Auditor.Evidence.MLflow.Tests;

/// <summary>
/// A fixture store served over HTTP in the shape of the recorded MLflow responses, read back through the REST
/// reader. REST knows only the latest value of each run metric, so metrics are compared as latest values.
/// </summary>
public sealed class RestStoreTests
{
    [Theory]
    [InlineData("tracked-sqlite", true)]
    [InlineData("tracked-sqlite-3x", true)]
    [InlineData("tracked-file", false)]
    [InlineData("sloppy-file", false)]
    public void REST_gives_the_same_facts_as_reading_the_store(string name, bool loggedModelsEndpoint)
    {
        using var fixture = Fixture.Unpack(name);
        var direct = StoreFixture.Read(fixture);
        // Without the logged-models endpoint the stand-in is a 2.x server: no v3 traces or evaluation-dataset endpoints
        // either, but the v2 trace search, so nothing is missing.
        using var server = new MlflowRestServer(direct, pageSize: 3, hasLoggedModelsEndpoint: loggedModelsEndpoint) { HasGenAiEndpoints = loggedModelsEndpoint };

        var store = Read(server.Uri);

        Assert.Equal(TrackingStoreKind.Rest, store.Kind);
        Assert.DoesNotContain(store.Problems, p => p.Message.StartsWith("not served (HTTP 404", StringComparison.Ordinal));
        Assert.Equal(StoreJson.Facts(StoreJson.AsRestSeesIt(MlflowRestServer.AsServed(direct, loggedModelsEndpoint))), StoreJson.Facts(store));
        Assert.Equal(loggedModelsEndpoint ? 0 : 1, server.Requests.Count(r => r.PathAndQuery.StartsWith("/api/2.0/mlflow/traces?", StringComparison.Ordinal)));
        var requests = server.Requests.ToList();
        Assert.Contains(requests, r => r.PathAndQuery.Contains("page_token=", StringComparison.Ordinal) || (r.Body ?? "").Contains("page_token", StringComparison.Ordinal));
        Assert.All(requests.Where(r => r.PathAndQuery.Contains("/search", StringComparison.Ordinal)), r => Assert.True(r.PathAndQuery.Contains("max_results=", StringComparison.Ordinal) || (r.Body ?? "").Contains("\"max_results\"", StringComparison.Ordinal), r.PathAndQuery));
        Assert.All(requests.Where(r => r.PathAndQuery.Contains("runs/search", StringComparison.Ordinal)), r => Assert.Contains("\"run_view_type\":\"ALL\"", r.Body, StringComparison.Ordinal));
        Assert.All(requests.Where(r => r.PathAndQuery.Contains("experiments/search", StringComparison.Ordinal)), r => Assert.Contains("view_type=ALL", r.PathAndQuery, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("genai-sqlite-3x")]
    [InlineData("genai-file-3x")]
    public void REST_gives_the_same_GenAI_evidence_as_reading_the_store(string name)
    {
        using var fixture = Fixture.Unpack(name);
        var direct = StoreFixture.Read(fixture);
        using var server = new MlflowRestServer(direct, pageSize: 7) { SearchLeavesOutModelInputs = true };

        var store = Read(server.Uri);

        Assert.Equal(StoreJson.Facts(StoreJson.AsRestSeesIt(MlflowRestServer.AsServed(direct))), StoreJson.Facts(store));
        Assert.Equal(47, store.GenAi.RecentTraces.Count);
        Assert.Equal(150, store.GenAi.RecentAssessments.Count);
        Assert.Equal(4, store.GenAi.Prompts.Count);
        Assert.Equal(direct.GenAi.RecentTraces.Sum(t => t.SpanCount), store.GenAi.RecentTraces.Sum(t => t.SpanCount));
        Assert.Equal(EvaluationRun.Of(direct).Select(e => (e.Run.Id, string.Join(",", e.Scorers), e.TraceCount, string.Join(",", e.ModelIds))),
            EvaluationRun.Of(store).Select(e => (e.Run.Id, string.Join(",", e.Scorers), e.TraceCount, string.Join(",", e.ModelIds))));
        var requests = server.Requests.ToList();
        // Traces page (43 in experiment 1 at 7 a page), each evaluation run's model inputs come from runs/get.
        Assert.Contains(requests, r => r.PathAndQuery == "/api/3.0/mlflow/traces/search" && (r.Body ?? "").Contains("page_token", StringComparison.Ordinal));
        Assert.Equal(EvaluationRun.Of(direct).Count, requests.Count(r => r.PathAndQuery.StartsWith("/api/2.0/mlflow/runs/get?", StringComparison.Ordinal)));
        Assert.Contains(requests, r => r.PathAndQuery.Contains("filter=tags.%60mlflow.prompt.is_prompt%60%20%3D%20%27true%27", StringComparison.Ordinal));
    }

    [Fact]
    public void A_server_with_only_the_v2_trace_search_gives_the_same_traces_as_SQLite_and_the_store_is_fully_read()
    {
        using var fixture = Fixture.Unpack("genai-sqlite-3x");
        var direct = StoreFixture.Read(fixture);
        using var server = new MlflowRestServer(direct, pageSize: 7) { HasGenAiEndpoints = false, SearchLeavesOutModelInputs = true };

        var store = Read(server.Uri);

        Assert.Null(store.PartlyRead);
        Assert.Empty(store.Problems);
        Assert.Equal(StoreJson.Facts(StoreJson.AsRestSeesIt(MlflowRestServer.AsServed(direct, genAiEndpoints: false))), StoreJson.Facts(store));
        Assert.Equal(47, store.GenAi.RecentTraces.Count);
        Assert.Equal(4, store.GenAi.RecentTraces.Count(t => t.State == "ERROR"));
        Assert.Equal(258, store.GenAi.RecentTraces.Sum(t => t.SpanCount));
        Assert.Equal(direct.GenAi.RecentTraces.Count(t => t.ModelId is not null), store.GenAi.RecentTraces.Count(t => t.ModelId is not null));
        Assert.Equal(direct.GenAi.RecentTraces.Min(t => t.RequestTime), store.GenAi.RecentTraces.Min(t => t.RequestTime));
        Assert.Equal(direct.GenAi.RecentTraces.Max(t => t.RequestTime), store.GenAi.RecentTraces.Max(t => t.RequestTime));
        // A 2.x server keeps no assessments; the v2 search has none.
        Assert.Empty(store.GenAi.RecentAssessments);
        var requests = server.Requests.ToList();
        Assert.Contains(requests, r => r.PathAndQuery == "/api/3.0/mlflow/traces/search");
        // 43 traces in experiment 1 at 7 a page: the v2 search pages with the token in the query.
        Assert.Contains(requests, r => r.PathAndQuery.StartsWith("/api/2.0/mlflow/traces?", StringComparison.Ordinal) && r.PathAndQuery.Contains("page_token=", StringComparison.Ordinal));
        Assert.All(requests.Where(r => r.PathAndQuery.StartsWith("/api/2.0/mlflow/traces?", StringComparison.Ordinal)), r => Assert.Contains("experiment_ids=", r.PathAndQuery, StringComparison.Ordinal));
    }

    [Fact]
    public void A_server_with_neither_trace_search_costs_the_traces_with_one_problem_line()
    {
        using var fixture = Fixture.Unpack("genai-sqlite-3x");
        using var server = new MlflowRestServer(StoreFixture.Read(fixture), pageSize: 50) { HasGenAiEndpoints = false, ServesV2Traces = false };

        var store = Read(server.Uri);

        Assert.Empty(store.GenAi.RecentTraces);
        var problem = Assert.Single(store.Problems, p => p.Path == $"{server.Uri}: traces/search");
        Assert.StartsWith("not served (HTTP 404", problem.Message, StringComparison.Ordinal);
        Assert.Equal(4, store.GenAi.Prompts.Count);
    }

    [Fact]
    public void Basic_credentials_from_the_environment_are_sent_and_never_shown()
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");
        using var server = new MlflowRestServer(StoreFixture.Read(fixture)) { RequiredAuthorization = "Basic " + Convert.ToBase64String("alice:s3cret-pw"u8.ToArray()) };
        var variables = new Dictionary<string, string> { ["MLFLOW_TRACKING_USERNAME"] = "alice", ["MLFLOW_TRACKING_PASSWORD"] = "s3cret-pw" };

        var store = Read(server.Uri, variables);

        Assert.Equal(15, store.Runs.Count);
        Assert.DoesNotContain("s3cret", store.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bearer_token_is_sent()
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");
        using var server = new MlflowRestServer(StoreFixture.Read(fixture)) { RequiredAuthorization = "Bearer tok-123" };

        var store = Read(server.Uri, new Dictionary<string, string> { ["MLFLOW_TRACKING_TOKEN"] = "tok-123" });

        Assert.Equal(15, store.Runs.Count);
    }

    [Fact]
    public void Credentials_in_the_URI_are_used_and_redacted()
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");
        using var server = new MlflowRestServer(StoreFixture.Read(fixture)) { RequiredAuthorization = "Basic " + Convert.ToBase64String("bob:uri-pw-77"u8.ToArray()) };
        var uri = server.Uri.Replace("http://", "http://bob:uri-pw-77@", StringComparison.Ordinal);

        var collected = TrackingStoreReader.Collect(TrackingUriResolver.Parse(uri, "/"), Options());

        Assert.True(collected.State == CollectionState.Present, collected.Reason);
        Assert.Equal($"http://bob:***@127.0.0.1:{server.Port}", collected.Value!.Uri);
    }

    internal static TrackingReadOptions Options(IReadOnlyDictionary<string, string>? variables = null) => new()
    {
        Variables = name => variables?.GetValueOrDefault(name),
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        RequestTimeout = TimeSpan.FromSeconds(20),
    };

    private static TrackingStore Read(string uri, IReadOnlyDictionary<string, string>? variables = null)
    {
        var collected = TrackingStoreReader.Collect(TrackingUriResolver.Parse(uri, "/"), Options(variables));
        Assert.True(collected.State == CollectionState.Present, collected.Reason);
        return collected.Value!;
    }
}
