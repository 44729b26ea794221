using System.Text.Json;
using Auditor.Testing;

namespace Auditor.Cli.Tests;

/// <summary>End-to-end audits of the real fixtures, asserting the JSON contract against MLflow's own read-back.</summary>
public sealed class AuditCommandTests
{
    [Theory]
    [InlineData("tracked-file", "file")]
    [InlineData("tracked-sqlite", "sqlite")]
    [InlineData("tracked-sqlite-3x", "sqlite")]
    [InlineData("tracked-file-3x", "file")]
    public void Inventory_in_the_json_report_equals_the_fixture_ground_truth(string name, string kind)
    {
        using var fixture = Fixture.Unpack(name);
        var (_, report) = CliRun.AuditToJson(fixture.Path);
        var totals = Fixture.Expected(name).GetProperty("totals");
        var inventory = report.GetProperty("inventory");

        Assert.Equal("2", report.GetProperty("schemaVersion").GetString());
        Assert.Equal(kind, report.GetProperty("subject").GetProperty("tracking").GetProperty("kind").GetString());
        Assert.Equal(totals.GetProperty("experiments").GetInt32(), inventory.GetProperty("experiments").GetProperty("total").GetInt32());
        Assert.Equal(totals.GetProperty("experiments_deleted").GetInt32(), inventory.GetProperty("experiments").GetProperty("deleted").GetInt32());
        Assert.Equal(totals.GetProperty("runs").GetInt32(), inventory.GetProperty("runs").GetProperty("total").GetInt32());
        Assert.Equal(totals.GetProperty("lifecycle_deleted").GetInt32(), inventory.GetProperty("runs").GetProperty("deleted").GetInt32());
        Assert.Equal(totals.GetProperty("status_FINISHED").GetInt32(), inventory.GetProperty("runs").GetProperty("byStatus").GetProperty("FINISHED").GetInt32());
        Assert.Equal(totals.GetProperty("status_FAILED").GetInt32(), inventory.GetProperty("runs").GetProperty("byStatus").GetProperty("FAILED").GetInt32());
        Assert.Equal(totals.GetProperty("runs_with_git_commit").GetInt32(), inventory.GetProperty("runs").GetProperty("withGitCommit").GetInt32());
        Assert.Equal(totals.GetProperty("registered_models").GetInt32(), inventory.GetProperty("registeredModels").GetInt32());
        Assert.Equal(totals.GetProperty("model_versions").GetInt32(), inventory.GetProperty("modelVersions").GetInt32());
        Assert.Equal(totals.TryGetProperty("logged_models", out var logged) ? logged.GetInt32() : 0, inventory.GetProperty("loggedModels").GetInt32());
    }

    [Fact]
    public void Tracked_file_store_matches_the_manifest_facts()
    {
        using var fixture = Fixture.Unpack("tracked-file");
        var (_, report) = CliRun.AuditToJson(fixture.Path);
        var inventory = report.GetProperty("inventory");

        // MANIFEST.md: 5 experiments (1 deleted), 15 runs, 2 registered models, 4 model versions;
        // every run records a commit: 6 on commit A, 9 on commit B, both present in the repository.
        Assert.Equal(5, inventory.GetProperty("experiments").GetProperty("total").GetInt32());
        Assert.Equal(1, inventory.GetProperty("experiments").GetProperty("deleted").GetInt32());
        Assert.Equal(15, inventory.GetProperty("runs").GetProperty("total").GetInt32());
        Assert.Equal(15, inventory.GetProperty("runs").GetProperty("withGitCommit").GetInt32());
        Assert.Equal(2, inventory.GetProperty("registeredModels").GetInt32());
        Assert.Equal(4, inventory.GetProperty("modelVersions").GetInt32());
        var commits = report.GetProperty("commits").EnumerateArray().Select(c => c.GetProperty("runs").GetInt32()).Order().ToList();
        Assert.Equal([6, 9], commits);
        Assert.All(report.GetProperty("commits").EnumerateArray(), c => Assert.Equal("present", c.GetProperty("inRepository").GetString()));

        var repository = report.GetProperty("subject").GetProperty("repository");
        Assert.Equal("main", repository.GetProperty("branch").GetString());
        Assert.False(repository.GetProperty("dirty").GetBoolean());
        Assert.StartsWith("7d0b105206", repository.GetProperty("head").GetString());
    }

    [Fact]
    public void Untracked_project_fails_the_tracking_rules_and_stays_below_level_2()
    {
        using var fixture = Fixture.Unpack("untracked");
        var (_, report) = CliRun.AuditToJson(fixture.Path);

        Assert.Equal("none", report.GetProperty("subject").GetProperty("tracking").GetProperty("state").GetString());
        Assert.Equal(0, report.GetProperty("inventory").GetProperty("runs").GetProperty("total").GetInt32());
        Assert.InRange(report.GetProperty("maturity").GetProperty("level").GetInt32(), 0, 1);
        var tracking = Finding(report, "MLA-0002");
        Assert.Equal("fail", tracking.GetProperty("outcome").GetString());
        var level2 = report.GetProperty("maturity").GetProperty("levels").EnumerateArray().Single(l => l.GetProperty("level").GetInt32() == 2);
        Assert.Equal("not-met", level2.GetProperty("status").GetString());
        Assert.Contains("MLA-0002", level2.GetProperty("blocking").EnumerateArray().Select(b => b.GetString()));
    }

    [Fact]
    public void Tracked_project_reaches_level_2_with_its_findings_passing()
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");
        var (_, report) = CliRun.AuditToJson(fixture.Path);

        Assert.True(report.GetProperty("maturity").GetProperty("level").GetInt32() >= 2);
        foreach (var id in new[] { "MLA-0001", "MLA-0002", "MLA-0003", "MLA-0005" })
        {
            Assert.Equal("pass", Finding(report, id).GetProperty("outcome").GetString());
        }

        var finding = Finding(report, "MLA-0003");
        foreach (var field in new[] { "ruleId", "title", "level", "category", "outcome", "message", "evidence" })
        {
            Assert.True(finding.TryGetProperty(field, out _), $"finding lacks '{field}'");
        }
    }

    [Theory]
    [InlineData("tracked-file")]
    [InlineData("tracked-sqlite")]
    [InlineData("tracked-file-3x")]
    [InlineData("tracked-sqlite-3x")]
    public void Tracked_projects_are_at_level_2_and_name_what_level_3_lacks(string name)
    {
        using var fixture = Fixture.Unpack(name);
        var (_, report) = CliRun.AuditToJson(fixture.Path);
        var levels = report.GetProperty("maturity").GetProperty("levels").EnumerateArray().ToList();

        Assert.Equal(2, report.GetProperty("maturity").GetProperty("level").GetInt32());
        Assert.Equal("not-met", levels[3].GetProperty("status").GetString());
        Assert.Equal(["MLA-0035"], levels[3].GetProperty("blocking").EnumerateArray().Select(b => b.GetString()));
        Assert.Equal("fail", Finding(report, "MLA-0035").GetProperty("outcome").GetString());
        foreach (var id in new[] { "MLA-0025", "MLA-0026", "MLA-0027", "MLA-0029", "MLA-0030", "MLA-0032", "MLA-0023" })
        {
            Assert.Equal("pass", Finding(report, id).GetProperty("outcome").GetString());
        }
    }

    [Fact]
    public void Untracked_notebook_project_is_at_level_0_with_ci_tests_and_tracking_failing()
    {
        using var fixture = Fixture.Unpack("untracked");
        var (_, report) = CliRun.AuditToJson(fixture.Path);

        Assert.Equal(0, report.GetProperty("maturity").GetProperty("level").GetInt32());
        foreach (var id in new[] { "MLA-0025", "MLA-0027", "MLA-0002", "MLA-0030", "MLA-0037" })
        {
            Assert.Equal("fail", Finding(report, id).GetProperty("outcome").GetString());
        }
    }

    [Fact]
    public void Writes_html_and_json_reports_into_the_output_folder()
    {
        using var fixture = Fixture.Unpack("tracked-file");
        using var output = new TempFolder();
        var run = CliRun.Invoke(fixture.Path, null, "audit", "--format", "console,json,html", "--output-dir", output.Path);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Maturity level", run.Out);
        Assert.True(File.Exists(output.Combine("report.json")));
        var html = File.ReadAllText(output.Combine("report.html"));
        Assert.Contains("<!DOCTYPE html>", html);
        Assert.Contains("MLA-0003", html);
    }

    [Fact]
    public void Tracking_uri_from_the_environment_is_used_when_no_option_is_given()
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");
        using var output = new TempFolder();
        var variables = new Dictionary<string, string> { ["MLFLOW_TRACKING_URI"] = "sqlite:///" + Path.Combine(fixture.Path, "mlflow.db") };
        var run = CliRun.Invoke(output.Path, variables, "audit", output.Path, "--format", "json", "--output-dir", output.Path);

        Assert.Equal(0, run.ExitCode);
        var report = JsonDocument.Parse(File.ReadAllText(output.Combine("report.json"))).RootElement;
        Assert.Equal(15, report.GetProperty("inventory").GetProperty("runs").GetProperty("total").GetInt32());
    }

    private static JsonElement Finding(JsonElement report, string ruleId) =>
        report.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("ruleId").GetString() == ruleId);
}
