using Auditor.Evidence.MLflow;
using Auditor.Testing;

namespace Auditor.Cli.Tests;

/// <summary>
/// A store the user named (--tracking-uri, MLFLOW_TRACKING_URI, the configuration's trackingUri) that cannot be opened
/// at all is exit 2 with one line on standard error naming the (redacted) URI and the reason, for every backend, and
/// whatever format was asked: before, each of these gave exit 0, nothing on standard error, and the reason only inside
/// the report.
/// </summary>
public sealed class NamedStoreErrorTests
{
    [Theory]
    [InlineData("./no-such-store", "does not exist")]
    [InlineData("sqlite:///no-such.db", "does not exist")]
    [InlineData("./empty-folder", "not an MLflow file store")]
    [InlineData("sqlite:///notes.db", "file is not a database")]
    public void A_missing_or_wrong_local_store_named_with_tracking_uri_is_exit_2_with_one_line(string uri, string reason)
    {
        using var project = new TempFolder();
        Directory.CreateDirectory(project.Combine("empty-folder"));
        File.WriteAllText(project.Combine("notes.db"), "these are notes, not a database\n");

        var run = AuditJson(project.Path, null, "--tracking-uri", uri);

        AssertOneLineError(run, uri, reason);
    }

    [Fact]
    public void A_missing_store_named_by_MLFLOW_TRACKING_URI_is_exit_2_with_one_line()
    {
        using var project = new TempFolder();

        var run = AuditJson(project.Path, new Dictionary<string, string> { [TrackingUriResolver.EnvironmentVariable] = "./no-such-store" });

        AssertOneLineError(run, "./no-such-store", "does not exist");
        Assert.Contains("MLFLOW_TRACKING_URI", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_store_named_by_the_configuration_is_exit_2_with_one_line()
    {
        using var project = new TempFolder();
        File.WriteAllText(project.Combine(".mlaudit.yml"), "apiVersion: mlaudit/v1\nkind: Config\ntrackingUri: ./no-such-store\n");

        var run = AuditJson(project.Path, null);

        AssertOneLineError(run, "./no-such-store", "does not exist");
    }

    [Fact]
    public void A_refused_connection_to_a_tracking_server_is_exit_2_with_one_line()
    {
        using var project = new TempFolder();

        var run = AuditJson(project.Path, new Dictionary<string, string> { ["MLFLOW_HTTP_REQUEST_MAX_RETRIES"] = "0" }, "--tracking-uri", "http://127.0.0.1:1");

        AssertOneLineError(run, "http://127.0.0.1:1", "cannot connect");
    }

    [Fact]
    public void A_tracking_server_refusing_the_credentials_is_exit_2_with_one_line_without_the_token()
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");
        using var server = new MlflowRestServer(StoreReading.Default(fixture.Path)) { RequiredAuthorization = "Bearer right-Token-1" };

        var run = AuditJson(fixture.Path, new Dictionary<string, string> { ["MLFLOW_TRACKING_TOKEN"] = "wrong-Token-2" }, "--tracking-uri", server.Uri);

        AssertOneLineError(run, server.Uri, "HTTP 401");
        Assert.DoesNotContain("wrong-Token-2", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_password_or_unknown_database_on_PostgreSQL_is_exit_2_with_one_line()
    {
        using var postgres = PostgresServer.StartForTests();
        if (postgres is not null)
        {
            AssertDatabaseRefusals(postgres.Uri, PostgresServer.Password, "password authentication failed");
        }
    }

    [Fact]
    public void A_wrong_password_or_unknown_database_on_MySQL_is_exit_2_with_one_line()
    {
        using var mysql = MySqlServer.StartForTests();
        if (mysql is not null)
        {
            mysql.CreateDatabase("present");
            AssertDatabaseRefusals(mysql.Uri, MySqlServer.Password, "Access denied");
        }
    }

    /// <summary>A wrong password, then an unknown database, on a server whose URIs <paramref name="uri"/> makes.</summary>
    private static void AssertDatabaseRefusals(Func<string, string> uri, string password, string refused)
    {
        using var project = new TempFolder();
        var wrongPassword = uri("present").Replace(password, "not-the-Password-3", StringComparison.Ordinal);
        var badPassword = AuditJson(project.Path, null, "--tracking-uri", wrongPassword);
        AssertOneLineError(badPassword, UriRedactor.Redact(wrongPassword), refused);
        Assert.DoesNotContain("not-the-Password-3", badPassword.Error, StringComparison.Ordinal);

        var unknownDatabase = AuditJson(project.Path, null, "--tracking-uri", uri("no_such_db"));
        AssertOneLineError(unknownDatabase, UriRedactor.Redact(uri("no_such_db")), "no_such_db");
        Assert.DoesNotContain(password, unknownDatabase.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_trace_command_also_stops_with_one_line_on_a_missing_named_store()
    {
        using var project = new TempFolder();

        var run = CliRun.Invoke(project.Path, null, "trace", project.Path, "--tracking-uri", "./no-such-store");

        AssertOneLineError(run, "./no-such-store", "does not exist");
    }

    internal static CliRun AuditJson(string project, IReadOnlyDictionary<string, string>? variables, params string[] extra)
    {
        using var output = new TempFolder();
        return CliRun.Invoke(project, variables, ["audit", project, "--format", "json", "--output-dir", output.Path, .. extra]);
    }

    internal static void AssertOneLineError(CliRun run, string uri, string reason)
    {
        Assert.True(run.ExitCode == ExitCodes.InputError, $"exit {run.ExitCode}; stderr: {run.Error}");
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("mlaudit: error: ", line, StringComparison.Ordinal);
        Assert.Contains(uri, line, StringComparison.Ordinal);
        Assert.Contains(reason, line, StringComparison.Ordinal);
    }
}
