using System.Net;
using System.Text;
using Auditor.Core.Evidence;
using Auditor.Core.Tracking;
using Auditor.Testing;

namespace Auditor.Evidence.MLflow.Tests;

/// <summary>A GenAI endpoint a server lacks or refuses costs that entity with one problem line, never the audit.</summary>
public sealed class RestGenAiFailureTests
{
    [Fact]
    public void A_v3_trace_search_answered_with_Flasks_HTML_404_falls_back_to_the_v2_search()
    {
        using var responses = Fixture.Unpack("rest-examples-3.11-genai");
        using var fixture = Fixture.Unpack("genai-sqlite-3x");
        var page = File.ReadAllText(Path.Combine(responses.Path, "error-wrong-endpoint-v3.txt"));
        using var server = new MlflowRestServer(StoreFixture.Read(fixture)) { SearchLeavesOutModelInputs = true };
        server.Intercept = (context, _) => Html(context, context.Request.Url!.AbsolutePath == "/api/3.0/mlflow/traces/search", 404, page);

        var store = Read(server.Uri);

        Assert.Equal(47, store.GenAi.RecentTraces.Count);
        Assert.Empty(store.GenAi.RecentAssessments);
        Assert.Empty(store.Problems);
        Assert.Equal(4, store.GenAi.Prompts.Count);
        Assert.Equal(2, store.GenAi.EvaluationDatasets.Count);
        Assert.Null(store.PartlyRead);
    }

    [Fact]
    public void Both_trace_searches_answered_with_Flasks_HTML_404_are_one_problem_and_the_rest_is_read()
    {
        using var responses = Fixture.Unpack("rest-examples-3.11-genai");
        using var fixture = Fixture.Unpack("genai-sqlite-3x");
        var page = File.ReadAllText(Path.Combine(responses.Path, "error-wrong-endpoint-v3.txt"));
        using var server = new MlflowRestServer(StoreFixture.Read(fixture)) { SearchLeavesOutModelInputs = true };
        server.Intercept = (context, _) => Html(context, context.Request.Url!.AbsolutePath is "/api/3.0/mlflow/traces/search" or "/api/2.0/mlflow/traces", 404, page);

        var store = Read(server.Uri);

        Assert.Empty(store.GenAi.RecentTraces);
        Assert.Empty(store.GenAi.RecentAssessments);
        var problem = Assert.Single(store.Problems);
        Assert.Equal($"{server.Uri}: traces/search", problem.Path);
        Assert.Equal("not served (HTTP 404: a server older than MLflow 3?); traces not read", problem.Message);
        Assert.Equal(4, store.GenAi.Prompts.Count);
        Assert.Equal(2, store.GenAi.EvaluationDatasets.Count);
        Assert.Null(store.PartlyRead);
    }

    [Fact]
    public void A_refused_dataset_search_leaves_datasets_unsupported_with_one_problem()
    {
        using var fixture = Fixture.Unpack("genai-sqlite-3x");
        using var server = new MlflowRestServer(StoreFixture.Read(fixture));
        server.Intercept = (context, _) => Html(context, context.Request.Url!.AbsolutePath == "/api/3.0/mlflow/datasets/search", 400,
            """{"error_code": "INVALID_PARAMETER_VALUE", "message": "create_dataset is not supported with FileStore.\nThis feature requires a SQL-based tracking backend"}""");

        var store = Read(server.Uri);

        Assert.False(store.GenAi.EvaluationDatasetsSupported);
        Assert.Empty(store.GenAi.EvaluationDatasets);
        var problem = Assert.Single(store.Problems);
        Assert.Equal($"{server.Uri}: datasets/search", problem.Path);
        Assert.StartsWith("evaluation datasets not read: api/3.0/mlflow/datasets/search: HTTP 400", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', problem.Message);
        Assert.Equal(47, store.GenAi.RecentTraces.Count);
    }

    [Fact]
    public void Traces_cut_by_the_item_bound_are_a_partly_read_store()
    {
        using var fixture = Fixture.Unpack("genai-sqlite-3x");
        using var server = new MlflowRestServer(StoreFixture.Read(fixture), pageSize: 10);

        var collected = TrackingStoreReader.Collect(TrackingUriResolver.Parse(server.Uri, "/"), RestStoreTests.Options() with { MaxItems = 60 });

        Assert.Equal(CollectionState.Partial, collected.State);
        Assert.Contains("more than 60 items were read", collected.Reason, StringComparison.Ordinal);
        Assert.True(collected.Value!.GenAi.RecentTraces.Count < 47);
        Assert.Contains(collected.Value.Problems, p => p.Path.EndsWith("traces/search", StringComparison.Ordinal) && p.Message.StartsWith("stopped early", StringComparison.Ordinal));
    }

    [Fact]
    public void A_trace_search_refused_after_some_pages_costs_its_traces_with_one_problem()
    {
        using var fixture = Fixture.Unpack("genai-sqlite-3x");
        using var server = new MlflowRestServer(StoreFixture.Read(fixture), pageSize: 10);
        var searches = 0;
        server.Intercept = (context, _) => Html(context, context.Request.Url!.AbsolutePath == "/api/3.0/mlflow/traces/search" && Interlocked.Increment(ref searches) == 3, 400,
            """{"error_code": "INVALID_PARAMETER_VALUE", "message": "Invalid page token"}""");

        var store = Read(server.Uri);

        Assert.Equal(0, store.GenAi.TraceCount);
        Assert.Equal(0, store.GenAi.AssessmentCount);
        Assert.Empty(store.GenAi.RecentTraces);
        var problem = Assert.Single(store.Problems);
        Assert.Equal($"{server.Uri}: traces/search", problem.Path);
        Assert.StartsWith("traces not read: ", problem.Message, StringComparison.Ordinal);
        Assert.Equal(4, store.GenAi.Prompts.Count);
    }

    [Fact]
    public void A_trace_sent_twice_is_counted_once_with_one_problem()
    {
        using var fixture = Fixture.Unpack("genai-sqlite-3x");
        using var server = new MlflowRestServer(StoreFixture.Read(fixture), pageSize: 10);
        server.Rewrite = (path, json) =>
        {
            if (path != "/api/3.0/mlflow/traces/search")
            {
                return json;
            }

            var page = System.Text.Json.Nodes.JsonNode.Parse(json)!;
            var traces = page["traces"]!.AsArray();
            traces.Add(traces[0]!.DeepClone());
            return page.ToJsonString();
        };

        var store = Read(server.Uri);

        Assert.Equal(47, store.GenAi.TraceCount);
        Assert.Equal(150, store.GenAi.AssessmentCount);
        Assert.Equal(47, store.GenAi.RecentTraces.Select(t => t.Id).Distinct().Count());
        var problem = Assert.Single(store.Problems);
        Assert.Equal($"{server.Uri}: traces/search", problem.Path);
        Assert.StartsWith("the server sent 5 duplicate trace entries", problem.Message, StringComparison.Ordinal);
    }

    private static bool Html(HttpListenerContext context, bool when, int status, string body)
    {
        if (!when)
        {
            return false;
        }

        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = body.StartsWith('{') ? "application/json" : "text/html; charset=utf-8";
        context.Response.ContentLength64 = bytes.Length;
        context.Response.OutputStream.Write(bytes);
        context.Response.Close();
        return true;
    }

    private static TrackingStore Read(string uri)
    {
        var collected = TrackingStoreReader.Collect(TrackingUriResolver.Parse(uri, "/"), RestStoreTests.Options());
        Assert.True(collected.State == CollectionState.Present, collected.Reason);
        return collected.Value!;
    }
}
