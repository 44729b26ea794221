using System.Net;
using Auditor.Core.Evidence;
using Auditor.Core.Tracking;
using Auditor.Testing;

namespace Auditor.Evidence.MLflow.Tests;

/// <summary>Servers that refuse, fail, stall, truncate or page forever: each a clear one-line problem, never a crash.</summary>
public sealed class RestFailureTests
{
    private static readonly TrackingStore Store = ReadFixture();

    [Fact]
    public void Unauthorized_is_one_line_naming_the_variables_without_credentials()
    {
        using var server = new MlflowRestServer(Store) { RequiredAuthorization = "Basic right" };
        var uri = server.Uri.Replace("http://", "http://carol:leaked-pw@", StringComparison.Ordinal);

        var reason = Fail(uri, new Dictionary<string, string> { ["MLFLOW_TRACKING_TOKEN"] = "leaked-token" });

        Assert.Contains("HTTP 401", reason, StringComparison.Ordinal);
        Assert.Contains("MLFLOW_TRACKING_USERNAME", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("leaked", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Forbidden_and_not_found_are_one_line()
    {
        using var server = new MlflowRestServer(Store);
        server.Intercept = (context, _) =>
        {
            MlflowRestServer.Reply(context, 403, """{"error_code": "PERMISSION_DENIED", "message": "no"}""");
            return true;
        };
        Assert.Contains("HTTP 403", Fail(server.Uri), StringComparison.Ordinal);

        server.Intercept = null;
        var notFound = Fail(server.Uri + "/not-mlflow");
        Assert.True(notFound.Contains("HTTP 404", StringComparison.Ordinal), notFound);
    }

    [Fact]
    public void Too_many_requests_waits_for_Retry_After_then_succeeds()
    {
        using var server = new MlflowRestServer(Store);
        server.Intercept = (context, n) =>
        {
            if (n > 2)
            {
                return false;
            }

            MlflowRestServer.Reply(context, 429, """{"error_code": "REQUEST_LIMIT_EXCEEDED", "message": "slow down"}""", new Dictionary<string, string> { ["Retry-After"] = "1" });
            return true;
        };
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var collected = Collect(server.Uri);

        Assert.True(collected.State == CollectionState.Present, collected.Reason);
        Assert.Equal(15, collected.Value!.Runs.Count);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.9), $"Retry-After not honoured: {clock.Elapsed}");
    }

    [Fact]
    public void A_server_error_is_retried_then_succeeds()
    {
        using var server = new MlflowRestServer(Store);
        server.Intercept = (context, n) =>
        {
            if (n % 2 == 0 || n > 5)
            {
                return false;
            }

            MlflowRestServer.Reply(context, 500, """{"error_code": "INTERNAL_ERROR", "message": "boom"}""");
            return true;
        };

        var collected = TrackingStoreReader.Collect(TrackingUriResolver.Parse(server.Uri, "/"), RestStoreTests.Options() with { MaxRetries = 5 });

        Assert.True(collected.State == CollectionState.Present, collected.Reason);
        Assert.Equal(15, collected.Value!.Runs.Count);
    }

    [Fact]
    public void A_server_that_keeps_failing_gives_up_after_the_retries()
    {
        using var server = new MlflowRestServer(Store);
        server.Intercept = (context, _) =>
        {
            MlflowRestServer.Reply(context, 503, "<html>down</html>");
            return true;
        };

        var reason = Fail(server.Uri);

        Assert.Contains("HTTP 503", reason, StringComparison.Ordinal);
        Assert.Contains("after 3 attempts", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_that_does_not_answer_times_out()
    {
        using var server = new MlflowRestServer(Store);
        server.Intercept = (_, _) =>
        {
            Thread.Sleep(3000);
            return false;
        };
        var options = Options() with { RequestTimeout = TimeSpan.FromMilliseconds(500) };

        var collected = TrackingStoreReader.Collect(TrackingUriResolver.Parse(server.Uri, "/"), options);

        Assert.Equal(CollectionState.Failed, collected.State);
        Assert.Contains("no answer within 0.5 s", collected.Reason, StringComparison.Ordinal);
        OneLine(collected.Reason);
    }

    [Fact]
    public void Truncated_JSON_is_a_clear_problem()
    {
        using var server = new MlflowRestServer(Store);
        server.Intercept = (context, _) =>
        {
            MlflowRestServer.Reply(context, 200, """{"experiments": [{"experiment_id": "0", "name": "Defa""");
            return true;
        };

        var reason = Fail(server.Uri);

        Assert.Contains("not complete JSON", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"runs": [{"info": {"run_id": "r1", "experiment_id": "0"}}, {"info": {"run_""", "not complete JSON")]
    [InlineData("""[{"info": {"run_id": "r1"}}]""", "expected a JSON object, found Array")]
    public void A_runs_page_that_is_not_a_page_is_a_clear_problem(string page, string expected)
    {
        using var server = new MlflowRestServer(Store);
        server.Intercept = (context, _) =>
        {
            if (!context.Request.Url!.AbsolutePath.EndsWith("runs/search", StringComparison.Ordinal))
            {
                return false;
            }

            MlflowRestServer.Reply(context, 200, page);
            return true;
        };

        var reason = Fail(server.Uri);

        Assert.Contains("runs/search", reason, StringComparison.Ordinal);
        Assert.Contains(expected, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void JSON_of_an_unexpected_shape_is_a_problem_not_a_crash()
    {
        using var server = new MlflowRestServer(Store);
        server.Intercept = (context, _) =>
        {
            var path = context.Request.Url!.AbsolutePath;
            MlflowRestServer.Reply(context, 200, path.EndsWith("experiments/search", StringComparison.Ordinal)
                ? """{"experiments": [{"experiment_id": "0", "name": "Default", "tags": [1, null]}]}"""
                : path.EndsWith("runs/search", StringComparison.Ordinal)
                    ? """{"runs": [{"info": {"run_id": "r1", "experiment_id": "0", "start_time": "soon"}, "data": {"metrics": [1, {"key": "k", "value": {}}], "tags": "x"}}, 7]}"""
                    : path.EndsWith("registered-models/search", StringComparison.Ordinal)
                        ? """{"registered_models": [{"name": "m", "aliases": [{"alias": "a", "version": "x"}]}]}"""
                        : path.EndsWith("model-versions/search", StringComparison.Ordinal)
                            ? """{"model_versions": [{"name": "m", "version": "1", "aliases": [3, "b"]}]}"""
                            : "[]");
            return true;
        };

        var collected = Collect(server.Uri);

        Assert.NotEqual(CollectionState.Absent, collected.State);
        OneLine(collected.Reason ?? "read");
    }

    [Fact]
    public void A_server_that_repeats_its_page_token_is_stopped()
    {
        using var server = new MlflowRestServer(Store);
        server.Intercept = (context, _) =>
        {
            MlflowRestServer.Reply(context, 200, """{"experiments": [{"experiment_id": "0", "name": "Default"}], "next_page_token": "c2FtZQ=="}""");
            return true;
        };

        var reason = Fail(server.Uri);

        Assert.Contains("same page token twice", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_that_pages_forever_with_new_tokens_hits_the_page_cap_and_the_store_is_partly_read()
    {
        using var server = new MlflowRestServer(Store);
        server.Intercept = (context, n) =>
        {
            MlflowRestServer.Reply(context, 200, $$"""{"experiments": [], "next_page_token": "t{{n}}"}""");
            return true;
        };
        var options = Options() with { MaxPages = 20 };

        var collected = TrackingStoreReader.Collect(TrackingUriResolver.Parse(server.Uri, "/"), options);

        Assert.Equal(CollectionState.Partial, collected.State);
        Assert.Contains("more than 20 pages", collected.Reason, StringComparison.Ordinal);
        Assert.Equal(20, server.Requests.Count(r => r.PathAndQuery.Contains("experiments/search", StringComparison.Ordinal)));
        Assert.Contains(collected.Value!.Problems, p => p.Path.EndsWith("experiments/search", StringComparison.Ordinal) && p.Message.Contains("more than 20 pages", StringComparison.Ordinal));
    }

    [Fact]
    public void A_closed_port_is_one_line()
    {
        int port;
        using (var server = new MlflowRestServer(Store))
        {
            port = server.Port;
        }

        var reason = Fail($"http://127.0.0.1:{port}");

        Assert.Contains("cannot connect", reason, StringComparison.Ordinal);
    }

    private static TrackingReadOptions Options() => RestStoreTests.Options() with { MaxRetries = 2 };

    private static Collected<TrackingStore> Collect(string uri, IReadOnlyDictionary<string, string>? variables = null) =>
        TrackingStoreReader.Collect(TrackingUriResolver.Parse(uri, "/"), RestStoreTests.Options(variables) with { MaxRetries = 2 });

    private static string Fail(string uri, IReadOnlyDictionary<string, string>? variables = null)
    {
        var collected = Collect(uri, variables);
        Assert.Equal(CollectionState.Failed, collected.State);
        OneLine(collected.Reason);
        return collected.Reason!;
    }

    private static void OneLine(string? reason)
    {
        Assert.False(string.IsNullOrWhiteSpace(reason));
        Assert.DoesNotContain('\n', reason);
    }

    private static TrackingStore ReadFixture()
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");
        return StoreFixture.Read(fixture);
    }
}
