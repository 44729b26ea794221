using System.Text.Json;
using Auditor.Testing;
using Spectre.Console.Testing;

namespace Auditor.Cli.Tests;

/// <summary>The configuration file, waivers, attestations, the questionnaire and the history, end to end.</summary>
public sealed class SelfAssessmentTests
{
    private const string Config = """
        apiVersion: mlaudit/v1
        kind: Config
        rules:
          disable: [MLA-0019]
          thresholds:
            MLA-0004:
              runs.failedShare: 0.01
        waivers:
          - rule: MLA-0004
            reason: remediation-planned
            owner: alice@example.com
            justification: The flaky lasso run is fixed with the solver upgrade (ML-42).
            expires: 2027-03-31
          - rule: MLA-0016
            reason: accepted-risk
            owner: bob@example.com
            justification: Rollback is handled by redeploying the previous image.
            expires: 2026-01-31
        """;

    private const string Attestations = """
        apiVersion: mlaudit/v1
        kind: Attestations
        attestations:
          - rule: MLA-0101
            answer: "yes"
            owner: carol@example.com
            date: 2026-11-01
            expires: 2027-05-01
            evidence: https://wiki.example.com/ml/ways-of-working
        """;

    [Fact]
    public void Config_waivers_and_attestations_show_in_the_json_report()
    {
        using var fixture = Fixture.Unpack("tracked-file");
        File.WriteAllText(Path.Combine(fixture.Path, ".mlaudit.yml"), Config);
        File.WriteAllText(Path.Combine(fixture.Path, ".mlaudit-attestations.yml"), Attestations);

        var (_, report) = CliRun.AuditToJson(fixture.Path);
        var findings = report.GetProperty("findings").EnumerateArray().ToDictionary(f => f.GetProperty("ruleId").GetString()!);

        Assert.False(findings.ContainsKey("MLA-0019"));
        var strict = findings["MLA-0004"];
        Assert.Equal("fail", strict.GetProperty("outcome").GetString());
        Assert.Contains("expected at most 0.01", strict.GetProperty("expression").GetString());
        Assert.Equal("active", strict.GetProperty("waiver").GetProperty("state").GetString());
        Assert.Equal("remediation-planned", strict.GetProperty("waiver").GetProperty("reason").GetString());
        Assert.True(strict.GetProperty("isWaived").GetBoolean());
        Assert.Equal("expired", findings["MLA-0016"].GetProperty("waiver").GetProperty("state").GetString());
        Assert.Contains(report.GetProperty("problems").EnumerateArray(), p => p.GetString()!.Contains("waiver for MLA-0016 expired on 2026-01-31"));

        var attested = findings["MLA-0101"];
        Assert.Equal("pass", attested.GetProperty("outcome").GetString());
        Assert.Equal("attested", attested.GetProperty("basis").GetString());
        Assert.Equal("carol@example.com", attested.GetProperty("attestation").GetProperty("owner").GetString());
        Assert.Equal("unknown", findings["MLA-0102"].GetProperty("outcome").GetString());
    }

    [Theory]
    [InlineData("    reason: remediation-planned\n", "    reason: someday\n", ".mlaudit.yml:", "'reason' under 'waivers[0]' must be one of: not-applicable, accepted-risk, false-positive, remediation-planned")]
    [InlineData("    expires: 2027-03-31\n", "    expires: 2027-02-30\n", ".mlaudit.yml:", "'expires' is not a real date")]
    [InlineData("kind: Config\n", "kind: Config\nfavourite: colour\n", ".mlaudit.yml:3:", "unknown key 'favourite' (allowed: apiVersion, kind, project, trackingUri, ignorePaths, gate, rules, waivers, attestations)")]
    [InlineData("    owner: alice@example.com\n", "", ".mlaudit.yml:", "missing required key 'owner' under 'waivers[0]'")]
    public void Invalid_configuration_is_a_one_line_input_error(string find, string replace, string file, string problem)
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine(".mlaudit.yml"), Config.Replace(find, replace));

        var run = CliRun.Invoke(folder.Path, null, "audit", folder.Path);

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        var line = Assert.Single(run.Error.Trim().Split('\n'));
        Assert.Contains(file, line);
        Assert.Contains(problem, line);
    }

    [Fact]
    public void Ignored_paths_are_not_collected()
    {
        using var fixture = Fixture.Unpack("tracked-file");
        File.WriteAllText(Path.Combine(fixture.Path, ".mlaudit.yml"), "apiVersion: mlaudit/v1\nkind: Config\nignorePaths: [\"tests/**\"]\n");

        var (_, report) = CliRun.AuditToJson(fixture.Path);

        var tests = report.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("ruleId").GetString() == "MLA-0027");
        Assert.Equal("fail", tests.GetProperty("outcome").GetString());
    }

    [Fact]
    public void Config_file_given_with_config_sets_the_project_and_tracking_uri()
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");
        using var elsewhere = new TempFolder();
        File.WriteAllText(elsewhere.Combine("audit.yml"), $"apiVersion: mlaudit/v1\nkind: Config\nproject: {fixture.Path}\ntrackingUri: sqlite:///{Path.GetRelativePath(elsewhere.Path, Path.Combine(fixture.Path, "mlflow.db"))}\n");

        var run = CliRun.Invoke(elsewhere.Path, null, "audit", "--config", "audit.yml", "--format", "json", "--output-dir", elsewhere.Path);

        Assert.Equal(0, run.ExitCode);
        var report = JsonDocument.Parse(File.ReadAllText(elsewhere.Combine("report.json"))).RootElement;
        Assert.Equal(fixture.Path, report.GetProperty("subject").GetProperty("path").GetString());
        Assert.Equal("sqlite", report.GetProperty("subject").GetProperty("tracking").GetProperty("kind").GetString());
    }

    [Fact]
    public void Questionnaire_driven_by_scripted_answers_writes_the_attestation_file()
    {
        using var fixture = Fixture.Unpack("untracked");
        var console = new TestConsole().Interactive();
        // Seven attestable criteria: yes (with a link), no, then skip the rest.
        console.Input.PushTextWithEnter("yes");
        console.Input.PushTextWithEnter("https://wiki.example.com/collab");
        console.Input.PushTextWithEnter("no");
        console.Input.PushTextWithEnter("");
        for (var i = 0; i < 5; i++)
        {
            console.Input.PushTextWithEnter("skip");
        }

        var run = CliRun.Invoke(fixture.Path, new Dictionary<string, string> { ["USER"] = "dana" }, console, "assess", fixture.Path);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("MLA-0101", console.Output);
        var file = File.ReadAllText(Path.Combine(fixture.Path, ".mlaudit-attestations.yml"));
        Assert.Contains("rule: MLA-0101", file);
        Assert.Contains("answer: \"yes\"", file);
        Assert.Contains("owner: dana", file);
        Assert.Contains("evidence: https://wiki.example.com/collab", file);
        Assert.Contains("expires: 2027-05-26", file);
        Assert.Contains("rule: MLA-0102", file);
        Assert.DoesNotContain("MLA-0103", file);

        var (_, report) = CliRun.AuditToJson(fixture.Path);
        var attested = report.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("ruleId").GetString() == "MLA-0101");
        Assert.Equal("attested", attested.GetProperty("basis").GetString());
    }

    [Fact]
    public void Non_interactive_assess_lists_what_is_unanswered_or_expired()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine(".mlaudit-attestations.yml"), Attestations.Replace("2027-05-01", "2026-11-02"));
        var console = new TestConsole();

        var run = CliRun.Invoke(folder.Path, null, console, "assess", folder.Path, "--non-interactive");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("MLA-0101  expired 2026-11-02", console.Output);
        Assert.Contains("MLA-0102  unanswered", console.Output);
        Assert.Contains("7 of 7 attestable criteria are unanswered or expired.", console.Output);
        Assert.False(File.Exists(folder.Combine("report.json")));
    }

    [Fact]
    public void History_keeps_dated_results_and_the_report_shows_the_trend()
    {
        using var fixture = Fixture.Unpack("tracked-file");
        using var history = new TempFolder();
        using var output = new TempFolder();
        File.WriteAllText(history.Combine("mlaudit-20260101T000000Z.json"),
            """{"generatedAt":"2026-01-01T00:00:00+00:00","maturity":{"level":1},"categories":[{"category":"tracking","score":40}]}""");
        File.WriteAllText(history.Combine("mlaudit-garbage.json"), "not json");

        var run = CliRun.Invoke(fixture.Path, null, "audit", "--history", history.Path, "--format", "json", "--output-dir", output.Path);

        Assert.Equal(0, run.ExitCode);
        var report = JsonDocument.Parse(File.ReadAllText(output.Combine("report.json"))).RootElement;
        var points = report.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(2, points.Count);
        Assert.Equal(1, points[0].GetProperty("level").GetInt32());
        Assert.Equal(40, points[0].GetProperty("categories").GetProperty("tracking").GetInt32());
        Assert.Equal(report.GetProperty("maturity").GetProperty("level").GetInt32(), points[1].GetProperty("level").GetInt32());
        Assert.True(File.Exists(history.Combine("mlaudit-20261127T120000Z.json")));
        Assert.Contains(report.GetProperty("problems").EnumerateArray(), p => p.GetString()!.Contains("mlaudit-garbage.json: not an mlaudit report"));
    }
}
