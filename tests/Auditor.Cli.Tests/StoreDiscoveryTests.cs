using System.Text.Json;
using Auditor.Testing;

namespace Auditor.Cli.Tests;

/// <summary>
/// Where MLflow's default (./mlruns with data, else ./mlflow.db) finds nothing, stores inside the project are found:
/// courses keep mlflow.db in week folders, others keep my_mlruns/ or Backend/mlruns. Before, the audit of the
/// repository root reported an empty inventory and no hint.
/// </summary>
public sealed class StoreDiscoveryTests
{
    [Fact]
    public void A_SQLite_store_in_a_week_folder_is_found_and_named_in_json_console_and_stderr()
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");
        MoveStore(fixture.Path, "mlflow.db", "02-experiment-tracking/mlflow.db");
        MoveStore(fixture.Path, "mlruns", "02-experiment-tracking/mlruns");

        var (run, report) = CliRun.AuditToJson(fixture.Path);

        var tracking = Tracking(report);
        Assert.Equal("sqlite:///02-experiment-tracking/mlflow.db", tracking.GetProperty("uri").GetString());
        Assert.Equal("sqlite", tracking.GetProperty("kind").GetString());
        Assert.Equal("discovered", tracking.GetProperty("source").GetString());
        Assert.Equal("read", tracking.GetProperty("state").GetString());
        Assert.Empty(tracking.GetProperty("otherStores").EnumerateArray());
        Assert.Equal(15, report.GetProperty("inventory").GetProperty("runs").GetProperty("total").GetInt32());
        Assert.Contains("sqlite:///02-experiment-tracking/mlflow.db", run.Error, StringComparison.Ordinal);

        var console = CliRun.Invoke(fixture.Path, null, "audit", fixture.Path);
        Assert.Contains("sqlite:///02-experiment-tracking/mlflow.db (found in the project)", console.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Backend/mlruns")]
    [InlineData("my_mlruns")]
    public void A_file_store_in_a_subfolder_or_under_another_name_is_found(string where)
    {
        using var fixture = Fixture.Unpack("tracked-file");
        MoveStore(fixture.Path, "mlruns", where);

        var (_, report) = CliRun.AuditToJson(fixture.Path);

        var tracking = Tracking(report);
        Assert.Equal("./" + where, tracking.GetProperty("uri").GetString());
        Assert.Equal("file", tracking.GetProperty("kind").GetString());
        Assert.Equal("discovered", tracking.GetProperty("source").GetString());
        Assert.Equal(15, report.GetProperty("inventory").GetProperty("runs").GetProperty("total").GetInt32());
        Assert.Equal(4, report.GetProperty("inventory").GetProperty("modelVersions").GetInt32());
    }

    [Fact]
    public void Of_several_stores_the_one_with_most_runs_is_audited_and_the_others_are_listed_with_a_hint()
    {
        using var fixture = Fixture.Unpack("tracked-file");
        using var sloppy = Fixture.Unpack("sloppy-file");
        MoveStore(fixture.Path, "mlruns", "week2/mlruns");
        Directory.CreateDirectory(Path.Combine(fixture.Path, "old"));
        Directory.Move(Path.Combine(sloppy.Path, "mlruns"), Path.Combine(fixture.Path, "old", "mlruns"));

        var (run, report) = CliRun.AuditToJson(fixture.Path);

        var tracking = Tracking(report);
        Assert.Equal("./week2/mlruns", tracking.GetProperty("uri").GetString());
        Assert.Equal(15, report.GetProperty("inventory").GetProperty("runs").GetProperty("total").GetInt32());
        var other = Assert.Single(tracking.GetProperty("otherStores").EnumerateArray());
        Assert.Equal("./old/mlruns", other.GetProperty("uri").GetString());
        Assert.Equal(8, other.GetProperty("runs").GetInt32());
        var hint = Assert.Single(report.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!), p => p.Contains("./old/mlruns", StringComparison.Ordinal));
        Assert.Contains("--tracking-uri ./old/mlruns", hint, StringComparison.Ordinal);
        Assert.Contains("--tracking-uri ./old/mlruns", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_default_store_gives_way_to_a_store_with_runs_in_a_subfolder()
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");
        MoveStore(fixture.Path, "mlflow.db", "02-experiment-tracking/mlflow.db");
        MoveStore(fixture.Path, "mlruns", "02-experiment-tracking/mlruns");
        // `mlflow ui` started once in the repository root leaves the Default experiment and nothing else.
        Directory.CreateDirectory(Path.Combine(fixture.Path, "mlruns", "0"));
        File.WriteAllText(Path.Combine(fixture.Path, "mlruns", "0", "meta.yaml"), "artifact_location: mlruns/0\nexperiment_id: '0'\nlifecycle_stage: active\nname: Default\n");

        var (_, report) = CliRun.AuditToJson(fixture.Path);

        Assert.Equal("sqlite:///02-experiment-tracking/mlflow.db", Tracking(report).GetProperty("uri").GetString());
        Assert.Equal(15, report.GetProperty("inventory").GetProperty("runs").GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData(".venv/lib/python3.12/site-packages/pkg/tests")]
    [InlineData("env/tests")]
    [InlineData("node_modules/pkg")]
    [InlineData(".git/x")]
    [InlineData("a/b/c/d/e")]
    public void Stores_in_virtual_environments_package_folders_git_or_too_deep_are_not_found(string where)
    {
        using var fixture = Fixture.Unpack("tracked-file");
        MoveStore(fixture.Path, "mlruns", where + "/mlruns");
        if (where.StartsWith("env/", StringComparison.Ordinal))
        {
            // A virtual environment of any name is known by its pyvenv.cfg.
            File.WriteAllText(Path.Combine(fixture.Path, "env", "pyvenv.cfg"), "home = /usr/bin\n");
        }

        var (run, report) = CliRun.AuditToJson(fixture.Path);

        var tracking = Tracking(report);
        Assert.Equal("none", tracking.GetProperty("source").GetString());
        Assert.Equal("none", tracking.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, tracking.GetProperty("uri").ValueKind);
        Assert.Contains("no MLflow tracking store", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_symlinked_folder_is_not_followed()
    {
        using var fixture = Fixture.Unpack("tracked-file");
        using var elsewhere = new TempFolder();
        Directory.Move(Path.Combine(fixture.Path, "mlruns"), elsewhere.Combine("mlruns"));
        Directory.CreateSymbolicLink(Path.Combine(fixture.Path, "linked"), elsewhere.Path);

        var (_, report) = CliRun.AuditToJson(fixture.Path);

        Assert.Equal("none", Tracking(report).GetProperty("source").GetString());
    }

    [Fact]
    public void The_default_store_is_named_with_its_source_and_state()
    {
        using var fixture = Fixture.Unpack("tracked-file");

        var (_, report) = CliRun.AuditToJson(fixture.Path);

        var tracking = Tracking(report);
        Assert.Equal(("./mlruns", "default", "read"), (tracking.GetProperty("uri").GetString(), tracking.GetProperty("source").GetString(), tracking.GetProperty("state").GetString()));
        var option = CliRun.AuditToJson(fixture.Path, "--tracking-uri", Path.Combine(fixture.Path, "mlruns")).Report;
        Assert.Equal("option", Tracking(option).GetProperty("source").GetString());
    }

    private static JsonElement Tracking(JsonElement report) => report.GetProperty("subject").GetProperty("tracking");

    private static void MoveStore(string project, string from, string to)
    {
        var target = Path.Combine(project, to);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (File.Exists(Path.Combine(project, from)))
        {
            File.Move(Path.Combine(project, from), target);
        }
        else
        {
            Directory.Move(Path.Combine(project, from), target);
        }
    }
}
