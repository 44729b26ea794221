using System.Text.Json;
using System.Text.Json.Nodes;
using Auditor.Testing;

namespace Auditor.Cli.Tests;

/// <summary>
/// The same project audited with its store read five ways: the SQLite file, a copy in MySQL (MariaDB; its artifacts
/// named with --artifact-root), a copy in PostgreSQL (its artifacts found under the project's mlruns, by default or
/// named with --artifact-root), the store served over MLflow's REST API (model files through its artifact endpoints),
/// and (for the file-store twin) the file store against REST. The inventory, commits and every finding must be the
/// same; no credential may appear in any output.
/// </summary>
public sealed class RemoteStoreAuditTests
{
    [Fact]
    public void SQLite_MySQL_PostgreSQL_and_REST_give_the_same_inventory_and_findings()
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");
        var sqlite = Audit(fixture.Path, null, null);

        using var server = new MlflowRestServer(StoreReading.Default(fixture.Path), pageSize: 4) { RequiredAuthorization = "Bearer rest-Token-99" };
        var rest = Audit(fixture.Path, server.Uri, new Dictionary<string, string> { ["MLFLOW_TRACKING_TOKEN"] = "rest-Token-99" });
        Assert.Equal("rest", Kind(rest.Report));
        Assert.DoesNotContain("rest-Token-99", rest.AllText, StringComparison.Ordinal);
        Assert.Equal(Comparable(sqlite.Report), Comparable(rest.Report));

        using (var mysql = MySqlServer.StartForTests())
        {
            if (mysql is not null)
            {
                mysql.CreateDatabase("cli_audit");
                SqliteToMySql.Copy(Path.Combine(fixture.Path, "mlflow.db"), mysql.ConnectionString("cli_audit"));
                var my = Audit(fixture.Path, mysql.Uri("cli_audit"), null, "--artifact-root", Path.Combine(fixture.Path, "mlruns"));
                Assert.Equal("mysql", Kind(my.Report));
                Assert.DoesNotContain(MySqlServer.Password, my.AllText, StringComparison.Ordinal);
                Assert.Equal(Comparable(sqlite.Report), Comparable(my.Report));
            }
        }

        using var postgres = PostgresServer.StartForTests();
        if (postgres is null)
        {
            return;
        }

        postgres.CreateDatabase("cli_audit");
        SqliteToPostgres.Copy(Path.Combine(fixture.Path, "mlflow.db"), postgres.ConnectionString("cli_audit"));
        var pg = Audit(fixture.Path, postgres.Uri("cli_audit"), null, "--artifact-root", Path.Combine(fixture.Path, "mlruns"));
        Assert.Equal("postgresql", Kind(pg.Report));
        Assert.DoesNotContain(PostgresServer.Password, pg.AllText, StringComparison.Ordinal);
        Assert.Equal(Comparable(sqlite.Report), Comparable(pg.Report));

        // The project's mlruns is the default artifact root.
        var byDefault = Audit(fixture.Path, postgres.Uri("cli_audit"), null);
        Assert.Equal(Comparable(sqlite.Report), Comparable(byDefault.Report));
    }

    [Fact]
    public void Over_REST_the_trace_reaches_every_versions_model_files()
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");
        using var server = new MlflowRestServer(StoreReading.Default(fixture.Path));

        var rest = Audit(fixture.Path, server.Uri, null);

        var trace = rest.Report.GetProperty("trace").EnumerateArray().ToList();
        Assert.NotEmpty(trace);
        Assert.All(trace, t => Assert.Equal("present", t.GetProperty("artifact").GetString()));
        Assert.Contains(server.Requests, r => r.PathAndQuery.StartsWith("/get-artifact?run_uuid=", StringComparison.Ordinal));
    }

    [Fact]
    public void An_artifact_root_that_does_not_exist_is_an_input_error()
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");
        using var output = new TempFolder();

        var run = CliRun.Invoke(fixture.Path, null, ["audit", fixture.Path, "--format", "json", "--output-dir", output.Path, "--artifact-root", "no-such-folder"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--artifact-root no-such-folder: the folder does not exist", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_file_store_and_REST_give_the_same_inventory_and_findings()
    {
        using var fixture = Fixture.Unpack("tracked-file-3x");
        var file = Audit(fixture.Path, null, null);
        using var server = new MlflowRestServer(StoreReading.Default(fixture.Path), pageSize: 4);

        var rest = Audit(fixture.Path, server.Uri, null);

        Assert.Equal("rest", Kind(rest.Report));
        Assert.Equal(Comparable(file.Report), Comparable(rest.Report));
    }

    [Fact]
    public void An_unreachable_server_is_one_line_and_exit_2_without_the_password()
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");
        int port;
        using (var server = new MlflowRestServer(StoreReading.Default(fixture.Path)))
        {
            port = server.Port;
        }

        var run = NamedStoreErrorTests.AuditJson(fixture.Path, new Dictionary<string, string> { ["MLFLOW_HTTP_REQUEST_MAX_RETRIES"] = "0" }, "--tracking-uri", $"http://ann:Pw-Secret-5@127.0.0.1:{port}");

        NamedStoreErrorTests.AssertOneLineError(run, $"http://ann:***@127.0.0.1:{port}", "cannot connect");
        Assert.DoesNotContain("Pw-Secret-5", run.Out + run.Error, StringComparison.Ordinal);
    }

    private static string Kind(JsonElement report) => report.GetProperty("subject").GetProperty("tracking").GetProperty("kind").GetString()!;

    /// <summary>
    /// What must not depend on the backend: inventory, every finding, commits (the store's URI and kind in evidence
    /// aside).
    /// </summary>
    private static string Comparable(JsonElement report)
    {
        var uri = report.GetProperty("subject").GetProperty("tracking").GetProperty("uri").GetString()!;
        var findings = report.GetProperty("findings").EnumerateArray()
            .Select(f => JsonNode.Parse(f.GetRawText())!)
            .ToList();
        foreach (var store in findings.SelectMany(f => f!["evidence"]!.AsArray()).Where(e => (string?)e!["kind"] == "store"))
        {
            store!["value"] = "<tracking store>";
            store["detail"] = "<kind>";
        }

        return string.Join('\n', new[] { "inventory", "commits" }
                .Select(p => p + ": " + JsonSerializer.Serialize(report.GetProperty(p), new JsonSerializerOptions { WriteIndented = true }))
                .Append("findings: " + JsonSerializer.Serialize(findings, new JsonSerializerOptions { WriteIndented = true })))
            .Replace(JsonEncodedText.Encode(uri).ToString(), "<tracking store>", StringComparison.Ordinal);
    }

    private static (JsonElement Report, string AllText) Audit(string project, string? uri, IReadOnlyDictionary<string, string>? variables, params string[] options)
    {
        using var output = new TempFolder();
        string[] args = ["audit", project, "--format", "json", "--output-dir", output.Path, .. uri is null ? Array.Empty<string>() : ["--tracking-uri", uri], .. options];
        var run = CliRun.Invoke(project, variables, args);
        Assert.True(run.ExitCode is 0 or 1, $"exit {run.ExitCode}: {run.Error}");
        var json = File.ReadAllText(output.Combine("report.json"));
        return (JsonDocument.Parse(json).RootElement.Clone(), run.Out + run.Error + json);
    }
}
