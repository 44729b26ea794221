using System.Text.Json;
using Auditor.Testing;

namespace Auditor.Cli.Tests;

public sealed class RulesCommandTests
{
    private const string TeamRule = """
        apiVersion: mlaudit/v1
        kind: Rule
        id: TEAM-0001
        slug: at-least-twenty-runs
        title: The project has at least twenty active runs
        level: 2
        category: tracking
        severity: low
        check:
          fact: runs.total
          atLeast: 20
        rationale: Our team compares at least twenty runs before choosing a model.
        remediation:
          effort: low
          text: Run a wider sweep.
        references:
          other: "team practice"
        examples:
          pass:
            - runs.total: 25
          fail:
            - runs.total: 3
        """;

    [Fact]
    public void Verify_passes_on_the_shipped_rules_folder()
    {
        var run = CliRun.Invoke(TestPaths.RepositoryRoot, null, "rules", "verify", "rules");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains(", 0 failing", run.Out);
    }

    [Fact]
    public void Verify_of_a_broken_rule_file_exits_2_with_one_line_naming_file_line_and_rule()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("team.yaml"), TeamRule.Replace("fact: runs.total", "fact: runs.totl"));

        var run = CliRun.Invoke(folder.Path, null, "rules", "verify", folder.Path);

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        var line = Assert.Single(run.Error.Trim().Split('\n'));
        Assert.Contains("team.yaml:10: rule TEAM-0001: unknown fact 'runs.totl'", line);
    }

    [Fact]
    public void List_and_show_describe_the_rules()
    {
        var list = CliRun.Invoke(TestPaths.RepositoryRoot, null, "rules", "list");
        var show = CliRun.Invoke(TestPaths.RepositoryRoot, null, "rules", "show", "runs-record-git-commit");
        var missing = CliRun.Invoke(TestPaths.RepositoryRoot, null, "rules", "show", "NOPE-0000");

        Assert.Contains("MLA-0003  L2  tracking", list.Out);
        Assert.Contains("Runs record the git commit that produced them", show.Out);
        Assert.Contains("Checks: runs.gitCommitShare at least 0.9", show.Out);
        Assert.Equal(ExitCodes.InputError, missing.ExitCode);
    }

    [Fact]
    public void Custom_rule_folder_changes_a_threshold_and_adds_a_rule_and_the_report_shows_both()
    {
        using var fixture = Fixture.Unpack("tracked-file");
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("team.yaml"), TeamRule);
        var strictFailures = File.ReadAllText(Path.Combine(TestPaths.Rules, "MLA-0004-runs-finish.yaml")).Replace("atMost: 0.2", "atMost: 0.01");
        File.WriteAllText(folder.Combine("MLA-0004.yaml"), strictFailures);

        var (_, baseline) = CliRun.AuditToJson(fixture.Path);
        var (_, custom) = CliRun.AuditToJson(fixture.Path, "--rules", folder.Path);

        Assert.Equal("pass", Outcome(baseline, "MLA-0004"));
        Assert.Equal("fail", Outcome(custom, "MLA-0004"));
        Assert.Contains("expected at most 0.01", Finding(custom, "MLA-0004").GetProperty("expression").GetString());
        Assert.Contains("(at most 1% may)", Finding(custom, "MLA-0004").GetProperty("message").GetString());
        Assert.Equal("fail", Outcome(custom, "TEAM-0001"));
        Assert.DoesNotContain(baseline.GetProperty("findings").EnumerateArray(), f => f.GetProperty("ruleId").GetString() == "TEAM-0001");
    }

    private static JsonElement Finding(JsonElement report, string id) =>
        report.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("ruleId").GetString() == id);

    private static string? Outcome(JsonElement report, string id) => Finding(report, id).GetProperty("outcome").GetString();
}
