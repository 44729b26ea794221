using Auditor.Testing;

namespace Auditor.Cli.Tests;

/// <summary>
/// <c>databricks</c> and <c>databricks://PROFILE</c> reach the workspace's MLflow REST API with its token, as MLflow
/// does (before, <c>databricks</c> was read as a folder of that name); <c>MLFLOW_REGISTRY_URI</c> is where registered
/// models are read from, as in MLflow (before, it was ignored and the tracking store's registry was judged).
/// </summary>
public sealed class TrackingUriSchemeTests
{
    private const string Token = "dapi-Token-7";

    [Fact]
    public void Databricks_uri_reads_the_workspace_named_by_DATABRICKS_HOST_with_DATABRICKS_TOKEN_not_a_folder()
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");
        using var server = new MlflowRestServer(StoreReading.Default(fixture.Path)) { RequiredAuthorization = "Bearer " + Token };
        // A folder of that name, holding a file store, must not be what is read.
        Directory.CreateDirectory(Path.Combine(fixture.Path, "databricks", "0"));

        var (run, report) = CliRun.AuditToJson(fixture.Path, new Dictionary<string, string> { ["DATABRICKS_HOST"] = server.Uri, ["DATABRICKS_TOKEN"] = Token }, "--tracking-uri", "databricks");

        var tracking = report.GetProperty("subject").GetProperty("tracking");
        Assert.Equal(("databricks", "rest", "option", "read"), (tracking.GetProperty("uri").GetString(), tracking.GetProperty("kind").GetString(), tracking.GetProperty("source").GetString(), tracking.GetProperty("state").GetString()));
        Assert.Equal(15, report.GetProperty("inventory").GetProperty("runs").GetProperty("total").GetInt32());
        Assert.DoesNotContain(Token, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Databricks_profile_uri_reads_host_and_token_from_databrickscfg()
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");
        using var home = new TempFolder();
        using var server = new MlflowRestServer(StoreReading.Default(fixture.Path)) { RequiredAuthorization = "Bearer " + Token };
        File.WriteAllText(home.Combine(".databrickscfg"), $"; comment\n[DEFAULT]\nhost = https://wrong.example.com\ntoken = wrong\n\n[ci]\nhost = {server.Uri}/\ntoken = {Token}\n");

        var (_, report) = CliRun.AuditToJson(fixture.Path, new Dictionary<string, string> { ["HOME"] = home.Path }, "--tracking-uri", "databricks://ci");

        Assert.Equal(15, report.GetProperty("inventory").GetProperty("runs").GetProperty("total").GetInt32());
        Assert.All(server.Requests, r => Assert.Equal("Bearer " + Token, r.Authorization));
    }

    [Fact]
    public void Databricks_uri_without_a_host_or_profile_is_exit_2_with_one_line()
    {
        using var project = new TempFolder();
        using var home = new TempFolder();
        File.WriteAllText(home.Combine(".databrickscfg"), "[DEFAULT]\nhost = https://example.cloud.databricks.com\ntoken = t\n");
        var variables = new Dictionary<string, string> { ["HOME"] = home.Path };

        var noProfile = NamedStoreErrorTests.AuditJson(project.Path, variables, "--tracking-uri", "databricks://missing");
        NamedStoreErrorTests.AssertOneLineError(noProfile, "databricks://missing", "no profile [missing]");

        var nothing = NamedStoreErrorTests.AuditJson(project.Path, new Dictionary<string, string> { ["HOME"] = project.Path }, "--tracking-uri", "databricks");
        NamedStoreErrorTests.AssertOneLineError(nothing, "databricks", "DATABRICKS_HOST");
    }

    [Fact]
    public void Registered_models_are_read_from_MLFLOW_REGISTRY_URI_and_runs_from_the_tracking_store()
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");
        var tracking = Path.Combine(fixture.Path, "mlflow.db");
        File.Copy(tracking, Path.Combine(fixture.Path, "registry.db"));
        HostileInputTests.Sql(tracking, "DELETE FROM model_version_tags; DELETE FROM registered_model_aliases; DELETE FROM registered_model_tags; DELETE FROM model_versions; DELETE FROM registered_models;");

        var (_, alone) = CliRun.AuditToJson(fixture.Path);
        var (_, split) = CliRun.AuditToJson(fixture.Path, new Dictionary<string, string> { ["MLFLOW_REGISTRY_URI"] = "sqlite:///registry.db" });
        var (_, same) = CliRun.AuditToJson(fixture.Path, new Dictionary<string, string> { ["MLFLOW_REGISTRY_URI"] = "sqlite:///mlflow.db" });

        Assert.Equal(0, alone.GetProperty("inventory").GetProperty("modelVersions").GetInt32());
        Assert.Equal(0, same.GetProperty("inventory").GetProperty("modelVersions").GetInt32());
        Assert.Equal((15, 4), (split.GetProperty("inventory").GetProperty("runs").GetProperty("total").GetInt32(), split.GetProperty("inventory").GetProperty("modelVersions").GetInt32()));
        Assert.Equal(4, split.GetProperty("trace").GetArrayLength());
        Assert.All(split.GetProperty("trace").EnumerateArray(), t => Assert.Equal("active", t.GetProperty("runState").GetString()));
    }

    [Fact]
    public void A_registry_uri_that_cannot_be_opened_is_exit_2_with_one_line()
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");

        var other = NamedStoreErrorTests.AuditJson(fixture.Path, new Dictionary<string, string> { ["MLFLOW_REGISTRY_URI"] = "sqlite:///registry.db" });

        NamedStoreErrorTests.AssertOneLineError(other, "model registry sqlite:///registry.db (MLFLOW_REGISTRY_URI)", "does not exist");
    }
}
