using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Auditor.Core.Evidence;
using Auditor.Core.Tracking;
using Auditor.Evidence.MLflow;
using Auditor.Testing;

namespace Auditor.Cli.Tests;

/// <summary>
/// A malicious or broken tracking server on 127.0.0.1, one misbehaviour per case: duplicate ids, huge and endless
/// bodies, endless pages, token churn, a slow drip, stalls, 5xx storms, redirects to another origin, invalid JSON,
/// wrong types, deep nesting, a huge Retry-After, an echoed Authorization header. Every audit must complete (exit
/// 0-2, never 3) within its time bound, write every report, each parsing as its format, and say what the server did.
/// </summary>
public sealed class HostileServerTests(Xunit.Abstractions.ITestOutputHelper log)
{
    private const string Formats = "console,json,html,markdown,junit,sarif";
    private const string Token = "hostile-Token-77";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private static readonly TrackingStore Store = ReadStore("tracked-sqlite");

    [Fact]
    public void The_same_run_id_for_every_experiment_is_kept_once_with_a_problem_line()
    {
        using var server = new MlflowRestServer(Store) { Rewrite = (path, json) => path.EndsWith("runs/search", StringComparison.Ordinal) ? EachRun(json, run => SetId(run, "same-run-id")) : json };

        var audit = Audit(server.Uri);

        Assert.Equal(1, Runs(audit.Report));
        Problem(audit, "duplicate run entries (first: run 'same-run-id')");
    }

    [Fact]
    public void The_same_experiment_twice_on_a_page_is_kept_once()
    {
        using var server = new MlflowRestServer(Store)
        {
            Rewrite = (path, json) => path.EndsWith("experiments/search", StringComparison.Ordinal) ? Twice(json, "experiments") : json,
        };

        var audit = Audit(server.Uri);

        Assert.Equal(Store.Experiments.Count, audit.Report.GetProperty("inventory").GetProperty("experiments").GetProperty("total").GetInt32());
        Problem(audit, "duplicate experiment");
    }

    [Fact]
    public void Registered_models_and_versions_sent_twice_are_kept_once()
    {
        using var server = new MlflowRestServer(Store)
        {
            Rewrite = (path, json) => path.EndsWith("registered-models/search", StringComparison.Ordinal) ? Twice(json, "registered_models")
                : path.EndsWith("model-versions/search", StringComparison.Ordinal) ? Twice(json, "model_versions") : json,
        };

        var audit = Audit(server.Uri);

        var inventory = audit.Report.GetProperty("inventory");
        Assert.Equal(Store.RegisteredModels.Count, inventory.GetProperty("registeredModels").GetInt32());
        Assert.Equal(Store.RegisteredModels.Sum(m => m.Versions.Count), inventory.GetProperty("modelVersions").GetInt32());
        Problem(audit, "duplicate registered model");
        Problem(audit, "duplicate model version");
    }

    [Fact]
    public void Logged_models_sent_twice_are_kept_once()
    {
        var store = ReadStore("tracked-sqlite-3x");
        Assert.NotEmpty(store.LoggedModels);
        using var server = new MlflowRestServer(store) { Rewrite = (path, json) => path.EndsWith("logged-models/search", StringComparison.Ordinal) ? Twice(json, "models") : json };

        var audit = Audit(server.Uri, project: "tracked-sqlite-3x");

        Assert.Equal(store.LoggedModels.Count, audit.Report.GetProperty("inventory").GetProperty("loggedModels").GetInt32());
        Problem(audit, "duplicate logged model");
    }

    [Fact]
    public void A_streamed_body_of_200_MB_of_spaces_is_cut_at_the_response_bound_not_buffered()
    {
        var sent = new HostileAnswers.Sent();
        var first = 0;
        using var server = new MlflowRestServer(Store);
        server.Intercept = (context, _) => context.Request.Url!.AbsolutePath.EndsWith("runs/search", StringComparison.Ordinal) && Interlocked.Exchange(ref first, 1) == 0
            && Runs(context, () => HostileAnswers.Stream(context, "", "        ", "{}", 200L * 1024 * 1024, sent));

        var audit = Audit(server.Uri, new() { ["MLAUDIT_REST_MAX_RESPONSE_MB"] = "4" });

        Problem(audit, "an answer was larger than 4 MiB");
        PartlyRead(audit);
        Assert.True(sent.Bytes < 24L * 1024 * 1024, $"the server sent {sent.Bytes} bytes against a 4 MiB bound: the client kept reading");
    }

    [Fact]
    public void An_endless_JSON_array_is_cut_at_the_default_bound_and_memory_stays_under_1_GB()
    {
        var sent = new HostileAnswers.Sent();
        using var server = new MlflowRestServer(Store);
        server.Intercept = (context, _) => Experiments(context, () => HostileAnswers.Stream(context, """{"experiments": [""", """{"experiment_id": "1", "name": "again"},""", "]}", 8L * 1024 * 1024 * 1024, sent));

        var (_, report) = AuditInChild(server, "endless JSON array");

        Assert.Contains("larger than 64 MiB", report.GetRawText(), StringComparison.Ordinal);
        Assert.True(sent.Bytes < 200L * 1024 * 1024, $"the server sent {sent.Bytes / (1 << 20)} MiB past a 64 MiB bound");
    }

    [Fact]
    public void A_Content_Length_of_5_GB_is_refused_before_the_body_is_read()
    {
        var sent = new HostileAnswers.Sent();
        using var server = new MlflowRestServer(Store);
        server.Intercept = (context, _) => Experiments(context, () => HostileAnswers.Stream(context, "[", "1,", "1]", 1024 * 1024, sent, announcedLength: 5L * 1024 * 1024 * 1024));

        var audit = Audit(server.Uri);

        Problem(audit, "an answer was larger than 64 MiB");
        Assert.Equal(0, Runs(audit.Report));
    }

    [Fact]
    public void A_decompression_bomb_is_bounded_after_decompression()
    {
        var bomb = HostileAnswers.GzipOfSpaces(100L * 1024 * 1024);
        var sent = new HostileAnswers.Sent();
        using var server = new MlflowRestServer(Store);
        server.Intercept = (context, _) => Experiments(context, () => HostileAnswers.Gzip(context, bomb, sent));

        var audit = Audit(server.Uri, new() { ["MLAUDIT_REST_MAX_RESPONSE_MB"] = "8" });

        Assert.True(bomb.Length < 1024 * 1024, $"{bomb.Length} bytes compressed");
        Problem(audit, "an answer was larger than 8 MiB");
    }

    [Fact]
    public void Endless_pages_of_1000_runs_stop_at_the_item_bound_with_the_store_partly_read()
    {
        using var server = new MlflowRestServer(Store);
        server.Intercept = (context, n) => Runs(context, () => MlflowRestServer.Reply(context, 200, RunPage(n, 1000)));

        var audit = Audit(server.Uri, new() { ["MLAUDIT_REST_MAX_ITEMS"] = "20000" });

        Problem(audit, "more than 20,000 items were read (MLAUDIT_REST_MAX_ITEMS raises it)");
        PartlyRead(audit);
        Assert.Equal("unknown", Outcome(audit.Report, "MLA-0003"));
        Assert.True(Runs(audit.Report) <= 20_000, $"{Runs(audit.Report)} runs");
    }

    [Fact]
    public void Endless_pages_of_1000_runs_under_the_default_bounds_keep_memory_under_1_GB()
    {
        using var server = new MlflowRestServer(Store);
        server.Intercept = (context, n) => Runs(context, () => MlflowRestServer.Reply(context, 200, RunPage(n, 1000)));

        var (_, report) = AuditInChild(server, "endless pages");

        Assert.Contains("more than 250,000 items", report.GetProperty("subject").GetProperty("tracking").GetProperty("partlyRead").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Endless_pages_of_fat_runs_under_the_default_bounds_stop_at_192_MiB_and_keep_memory_under_1_GB()
    {
        var fat = new string('f', 4096);
        var template = PageTemplate(1000).Replace("0123456789abcdef0123456789abcdef01234567", fat, StringComparison.Ordinal);
        using var server = new MlflowRestServer(Store);
        server.Intercept = (context, n) => Runs(context, () => MlflowRestServer.Reply(context, 200, template.Replace("{PAGE}", n.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)));

        var (_, report) = AuditInChild(server, "endless fat pages");

        Assert.Contains("the answers passed 192 MiB in all", report.GetProperty("subject").GetProperty("tracking").GetProperty("partlyRead").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_page_token_every_half_second_ends_at_the_timeout_with_the_store_partly_read()
    {
        using var server = new MlflowRestServer(Store);
        server.Intercept = (context, n) => Experiments(context, () =>
        {
            server.Stopping.WaitHandle.WaitOne(500);
            MlflowRestServer.Reply(context, 200, $$"""{"experiments": [{"experiment_id": "e{{n}}", "name": "x{{n}}"}], "next_page_token": "churn-{{n}}"}""");
        });

        var audit = Audit(server.Uri, extra: ["--timeout", "3s"]);

        Assert.True(audit.Elapsed < TimeSpan.FromSeconds(15), $"{audit.Elapsed}");
        Problem(audit, "the 3 s deadline for reading the server passed");
        PartlyRead(audit);
        Assert.Equal("unknown", Outcome(audit.Report, "MLA-0003"));
        Assert.Equal("pass", Outcome(audit.Report, "MLA-0001")); // the repository is read as usual
    }

    [Fact]
    public void A_slow_drip_ends_at_the_timeout()
    {
        var page = RunPage(1, 50);
        using var server = new MlflowRestServer(Store);
        server.Intercept = (context, _) => Runs(context, () => HostileAnswers.Drip(context, page, TimeSpan.FromMilliseconds(100), server.Stopping));

        var audit = Audit(server.Uri, extra: ["--timeout", "2"]);

        Assert.True(audit.Elapsed < TimeSpan.FromSeconds(12), $"{audit.Elapsed}");
        Problem(audit, "deadline for reading the server passed");
    }

    [Fact]
    public void A_server_that_never_answers_ends_at_the_timeout_not_the_two_minute_request_timeout()
    {
        using var server = new MlflowRestServer(Store);
        server.Intercept = (context, _) =>
        {
            HostileAnswers.Stall(context, TimeSpan.FromSeconds(50), server.Stopping);
            return true;
        };

        var audit = Audit(server.Uri, extra: ["--timeout", "2s"]);

        Assert.True(audit.Elapsed < TimeSpan.FromSeconds(12), $"{audit.Elapsed}");
        Assert.Contains("deadline for reading the server passed", audit.Report.GetProperty("subject").GetProperty("tracking").GetProperty("partlyRead").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_storm_of_503s_stops_retrying_when_the_next_wait_would_pass_the_timeout()
    {
        using var server = Always(503, """{"error_code": "TEMPORARILY_UNAVAILABLE"}""", retryAfter: "2");

        var refused = Unopened(server.Uri, extra: ["--timeout", "5s"]);

        Assert.True(refused.Elapsed < TimeSpan.FromSeconds(15), $"{refused.Elapsed}");
        Assert.Contains("HTTP 503", refused.Run.Error, StringComparison.Ordinal);
        Assert.Contains("would pass the deadline", refused.Run.Error, StringComparison.Ordinal);
        Assert.InRange(server.Requests.Count, 2, 4);
    }

    [Fact]
    public void A_Retry_After_of_a_day_is_not_waited_for()
    {
        using var server = Always(429, """{"error_code": "REQUEST_LIMIT_EXCEEDED"}""", retryAfter: "86400");

        var refused = Unopened(server.Uri, extra: ["--timeout", "30s"]);

        Assert.True(refused.Elapsed < TimeSpan.FromSeconds(10), $"{refused.Elapsed}");
        Assert.Contains("HTTP 429", refused.Run.Error, StringComparison.Ordinal);
        Assert.Contains("not retried: the wait of 1 min would pass the deadline", refused.Run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_307_to_another_port_on_127_0_0_1_is_not_followed()
    {
        using var elsewhere = new MlflowRestServer(Store);
        using var server = new MlflowRestServer(Store);
        server.Intercept = (context, _) =>
        {
            HostileAnswers.Redirect(context, 307, elsewhere.Uri + context.Request.Url!.PathAndQuery);
            return true;
        };

        var refused = Unopened(server.Uri, new() { ["MLFLOW_TRACKING_TOKEN"] = Token }, secrets: [Token]);

        Assert.Contains($"HTTP 307: redirected to another origin (http://127.0.0.1:{elsewhere.Port}); not followed", refused.Run.Error, StringComparison.Ordinal);
        Assert.Empty(elsewhere.Requests);
    }

    [Fact]
    public void A_302_to_another_scheme_is_not_followed()
    {
        using var server = new MlflowRestServer(Store);
        server.Intercept = (context, _) =>
        {
            HostileAnswers.Redirect(context, 302, $"https://127.0.0.1:{server.Port}{context.Request.Url!.PathAndQuery}");
            return true;
        };

        var refused = Unopened(server.Uri);

        Assert.Contains($"HTTP 302: redirected to another origin (https://127.0.0.1:{server.Port}); not followed", refused.Run.Error, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public void A_307_within_the_same_origin_is_followed_with_its_body()
    {
        using var server = new MlflowRestServer(Store);
        server.Intercept = (context, _) =>
        {
            var path = context.Request.Url!.AbsolutePath;
            if (!path.StartsWith("/moved/", StringComparison.Ordinal))
            {
                return false;
            }

            HostileAnswers.Redirect(context, 307, path["/moved".Length..] + context.Request.Url.Query);
            return true;
        };

        var audit = Audit(server.Uri + "/moved");

        Assert.Equal(Store.Runs.Count, Runs(audit.Report));
        Assert.DoesNotContain(audit.Report.GetProperty("problems").EnumerateArray(), p => p.GetString()!.Contains("redirect", StringComparison.Ordinal));
        Assert.Contains(server.Requests, r => r.Method == "POST" && r.PathAndQuery == "/api/2.0/mlflow/runs/search" && r.Body!.Contains("run_view_type", StringComparison.Ordinal));
    }

    [Fact]
    public void A_redirect_loop_within_the_origin_stops_after_five_hops()
    {
        using var server = new MlflowRestServer(Store);
        server.Intercept = (context, n) =>
        {
            HostileAnswers.Redirect(context, 308, $"/loop/{n}");
            return true;
        };

        var refused = Unopened(server.Uri);

        Assert.Contains("more than 5 redirects; stopped", refused.Run.Error, StringComparison.Ordinal);
        Assert.Equal(6, server.Requests.Count);
    }

    [Fact]
    public void Invalid_JSON_is_one_problem_line()
    {
        using var server = Always(200, "{\"experiments\": [\u0001\u0002 not json ]]]");

        var audit = Audit(server.Uri);

        Problem(audit, "the answer is not complete JSON");
        Assert.Equal("unknown", Outcome(audit.Report, "MLA-0002"));
    }

    [Fact]
    public void Fields_of_the_wrong_type_do_not_crash_the_audit()
    {
        using var server = new MlflowRestServer(Store)
        {
            Rewrite = (path, json) => path.EndsWith("runs/search", StringComparison.Ordinal)
                ? EachRun(json, run =>
                {
                    run["info"]!["start_time"] = new JsonArray(1, 2);
                    run["info"]!["status"] = new JsonObject { ["x"] = 1 };
                    run["data"] = new JsonArray("not", "an", "object");
                })
                : path.EndsWith("model-versions/search", StringComparison.Ordinal) ? json.Replace("\"version\":\"", "\"version\":{\"v\":\"", StringComparison.Ordinal).Replace("\",\"creation_timestamp\"", "\"},\"creation_timestamp\"", StringComparison.Ordinal)
                : json,
        };

        var audit = Audit(server.Uri);

        Assert.Equal(Store.Runs.Count, Runs(audit.Report));
    }

    [Fact]
    public void Deeply_nested_JSON_is_one_problem_line()
    {
        using var server = new MlflowRestServer(Store);
        server.Intercept = (context, _) => Experiments(context, () => MlflowRestServer.Reply(context, 200, "{\"experiments\": " + new string('[', 100_000) + new string(']', 100_000) + "}"));

        var audit = Audit(server.Uri);

        Problem(audit, "the answer is not complete JSON");
    }

    [Fact]
    public void An_Authorization_header_echoed_in_error_code_is_not_repeated()
    {
        using var server = new MlflowRestServer(Store);
        server.Intercept = (context, _) =>
        {
            MlflowRestServer.Reply(context, 400, JsonSerializer.Serialize(new { error_code = context.Request.Headers["Authorization"], message = "echo " + context.Request.Headers["Authorization"] }));
            return true;
        };

        var refused = Unopened(server.Uri, new() { ["MLFLOW_TRACKING_TOKEN"] = Token }, secrets: [Token]);

        Assert.Contains("HTTP 400", refused.Run.Error, StringComparison.Ordinal);
        Assert.Contains(server.Requests, r => r.Authorization == "Bearer " + Token);
    }

    [Fact]
    public void The_answers_of_one_audit_stop_at_the_total_byte_bound()
    {
        using var server = new MlflowRestServer(Store, pageSize: 1)
        {
            Rewrite = (path, json) => path.EndsWith("runs/search", StringComparison.Ordinal) ? EachRun(json, run => run["data"]!["params"] = new JsonArray(new JsonObject { ["key"] = "pad", ["value"] = new string('p', 300_000) })) : json,
        };

        var audit = Audit(server.Uri, new() { ["MLAUDIT_REST_MAX_TOTAL_MB"] = "1" });

        Problem(audit, "the answers passed 1 MiB in all (MLAUDIT_REST_MAX_TOTAL_MB raises it)");
        PartlyRead(audit);
        Assert.InRange(Runs(audit.Report), 0, 4);
    }

    [Fact]
    public void A_connection_closed_mid_answer_is_one_problem_line()
    {
        using var server = new MlflowRestServer(Store);
        server.Intercept = (context, _) => Experiments(context, () =>
        {
            context.Response.ContentLength64 = 10_000;
            context.Response.OutputStream.Write(Encoding.UTF8.GetBytes("""{"experiments": [{"experiment_id": "0","""));
            context.Response.Abort();
        });

        var audit = Audit(server.Uri);

        Problem(audit, "experiments/search");
        Assert.Equal(0, Runs(audit.Report));
    }

    [Fact]
    public void A_bad_timeout_is_a_usage_error()
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");

        var run = CliRun.Invoke(fixture.Path, null, "audit", fixture.Path, "--timeout", "soon", "--format", "json", "--output-dir", fixture.Path);
        var fromVariable = CliRun.Invoke(fixture.Path, new Dictionary<string, string> { ["MLAUDIT_TIMEOUT"] = "-5" }, "trace", fixture.Path);

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Contains("--timeout 'soon': not a duration", run.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.InputError, fromVariable.ExitCode);
        Assert.Contains("MLAUDIT_TIMEOUT '-5': not a duration", fromVariable.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Trace_takes_the_timeout_too_and_warns_that_the_store_was_partly_read()
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");
        using var server = new MlflowRestServer(Store);
        server.Intercept = (context, _) => Runs(context, () => HostileAnswers.Stall(context, TimeSpan.FromSeconds(50), server.Stopping));
        var clock = Stopwatch.StartNew();

        var run = CliRun.Invoke(fixture.Path, null, "trace", fixture.Path, "--tracking-uri", server.Uri, "--timeout", "2s");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(12), $"{clock.Elapsed}");
        Assert.Contains("deadline for reading the server passed", run.Error, StringComparison.Ordinal);
    }

    /// <summary>An audit of the tracked-sqlite project against the server, every report written; checks what every hostile case must hold.</summary>
    private static Audited Audit(string uri, Dictionary<string, string>? variables = null, string[]? extra = null, string project = "tracked-sqlite", string[]? secrets = null)
    {
        using var fixture = Fixture.Unpack(project);
        using var output = new TempFolder();
        var clock = Stopwatch.StartNew();
        var task = Task.Run(() => CliRun.Invoke(fixture.Path, variables, ["audit", fixture.Path, "--tracking-uri", uri, "--format", Formats, "--output-dir", output.Path, .. extra ?? []]));
        Assert.True(task.Wait(Bound), $"no result after {Bound.TotalSeconds} s");
        var run = task.Result;
        Assert.True(run.ExitCode is >= 0 and <= 2, $"exit {run.ExitCode}: {run.Error}");
        var reports = OutputSafety.AssertSafe(output.Path, secrets ?? [], run.Out, run.Error);
        Assert.Equal(["report.html", "report.json", "report.junit.xml", "report.md", "report.sarif"], reports.Select(r => Path.GetFileName(r)).ToArray());
        var json = File.ReadAllText(output.Combine("report.json"));
        SchemaValidator.AssertValid(Path.Combine(TestPaths.RepositoryRoot, "docs", "report.schema.json"), json);
        return new Audited(run, JsonDocument.Parse(json).RootElement.Clone(), clock.Elapsed);
    }

    /// <summary>
    /// A server that never answers a request with success was never opened: a store named with --tracking-uri is then
    /// exit 2 with one line on standard error (issue 14), within the bound, no report written, and no secret shown.
    /// </summary>
    private static Audited Unopened(string uri, Dictionary<string, string>? variables = null, string[]? extra = null, string[]? secrets = null)
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");
        using var output = new TempFolder();
        var clock = Stopwatch.StartNew();
        var task = Task.Run(() => CliRun.Invoke(fixture.Path, variables, ["audit", fixture.Path, "--tracking-uri", uri, "--format", Formats, "--output-dir", output.Path, .. extra ?? []]));
        Assert.True(task.Wait(Bound), $"no result after {Bound.TotalSeconds} s");
        var run = task.Result;
        Assert.True(run.ExitCode == ExitCodes.InputError, $"exit {run.ExitCode}: {run.Error}");
        Assert.Empty(OutputSafety.AssertSafe(output.Path, secrets ?? [], run.Out, run.Error));
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("mlaudit: error: tracking store ", run.Error, StringComparison.Ordinal);
        return new Audited(run, default, clock.Elapsed);
    }

    /// <summary>
    /// The built CLI audits the tracked-sqlite project against the server as a child process: exit 0, every report safe,
    /// and a peak resident memory under 1 GB.
    /// </summary>
    private (ChildAudit Child, JsonElement Report) AuditInChild(MlflowRestServer server, string label)
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");
        using var output = new TempFolder();
        var child = ChildAudit.Run(fixture.Path, new Dictionary<string, string>(), Bound, "audit", fixture.Path, "--tracking-uri", server.Uri, "--format", Formats, "--output-dir", output.Path);
        log.WriteLine($"{label}: peak {child.PeakBytes / (1 << 20)} MiB, {server.Requests.Count} requests, {child.Elapsed.TotalSeconds:0.0} s");
        Assert.True(child.ExitCode is 0, child.Error);
        OutputSafety.AssertSafe(output.Path, [], child.Out, child.Error);
        Assert.True(child.PeakBytes is > 0 and < 1L << 30, $"{label}: peak resident memory {child.PeakBytes / (1 << 20)} MiB after {child.Elapsed.TotalSeconds:0.0} s");
        return (child, JsonDocument.Parse(File.ReadAllText(output.Combine("report.json"))).RootElement.Clone());
    }

    /// <summary>A server that gives every request the same answer.</summary>
    private static MlflowRestServer Always(int status, string json, string? retryAfter = null)
    {
        var server = new MlflowRestServer(Store);
        server.Intercept = (context, _) =>
        {
            MlflowRestServer.Reply(context, status, json, retryAfter is null ? null : new Dictionary<string, string> { ["Retry-After"] = retryAfter });
            return true;
        };
        return server;
    }

    private sealed record Audited(CliRun Run, JsonElement Report, TimeSpan Elapsed);

    private static int Runs(JsonElement report) => report.GetProperty("inventory").GetProperty("runs").GetProperty("total").GetInt32();

    private static string? Outcome(JsonElement report, string id) =>
        report.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("ruleId").GetString() == id).GetProperty("outcome").GetString();

    private static void Problem(Audited audit, string text) =>
        Assert.True(audit.Report.GetProperty("problems").EnumerateArray().Any(p => p.GetString()!.Contains(text, StringComparison.Ordinal)),
            $"no problem line with '{text}' in: {string.Join(" | ", audit.Report.GetProperty("problems").EnumerateArray().Select(p => p.GetString()))}");

    private static void PartlyRead(Audited audit) =>
        Assert.Equal(JsonValueKind.String, audit.Report.GetProperty("subject").GetProperty("tracking").GetProperty("partlyRead").ValueKind);

    /// <summary>Answers runs/search with <paramref name="answer"/>; lets every other request through.</summary>
    private static bool Runs(HttpListenerContext context, Action answer) => Only(context, "runs/search", answer);

    private static bool Experiments(HttpListenerContext context, Action answer) => Only(context, "experiments/search", answer);

    private static bool Only(HttpListenerContext context, string endpoint, Action answer)
    {
        if (!context.Request.Url!.AbsolutePath.EndsWith(endpoint, StringComparison.Ordinal))
        {
            return false;
        }

        answer();
        return true;
    }

    /// <summary>A page of <paramref name="count"/> finished runs with ids unique to page <paramref name="page"/>, and a new token.</summary>
    private static string RunPage(int page, int count) => PageTemplate(count).Replace("{PAGE}", page.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> Templates = new();

    private static string PageTemplate(int count) => Templates.GetOrAdd(count, n =>
    {
        var runs = new JsonArray(Enumerable.Range(0, n).Select(i => (JsonNode)new JsonObject
        {
            ["info"] = new JsonObject { ["run_id"] = $"p{{PAGE}}-r{i}", ["experiment_id"] = "1", ["status"] = "FINISHED", ["start_time"] = 1_700_000_000_000L + i, ["lifecycle_stage"] = "active" },
            ["data"] = new JsonObject { ["tags"] = new JsonArray(new JsonObject { ["key"] = "mlflow.source.git.commit", ["value"] = "0123456789abcdef0123456789abcdef01234567" }) },
        }).ToArray());
        return new JsonObject { ["runs"] = runs, ["next_page_token"] = "page-{PAGE}" }.ToJsonString();
    });

    private static string EachRun(string json, Action<JsonObject> change)
    {
        var answer = JsonNode.Parse(json)!.AsObject();
        foreach (var run in answer["runs"]?.AsArray() ?? [])
        {
            change(run!.AsObject());
        }

        return answer.ToJsonString();
    }

    private static void SetId(JsonObject run, string id)
    {
        run["info"]!["run_id"] = id;
        run["info"]!["run_uuid"] = id;
    }

    private static string Twice(string json, string field)
    {
        var answer = JsonNode.Parse(json)!.AsObject();
        if (answer[field] is JsonArray items)
        {
            foreach (var item in items.ToList())
            {
                items.Add(item!.DeepClone());
            }
        }

        return answer.ToJsonString();
    }

    private static TrackingStore ReadStore(string name)
    {
        using var fixture = Fixture.Unpack(name);
        var collected = TrackingStoreReader.Collect(TrackingUriResolver.Resolve(null, fixture.Path, _ => null, fixture.Path));
        Assert.True(collected.State == CollectionState.Present, collected.Reason);
        return collected.Value!;
    }
}
