using System.Text.Json;
using Auditor.Core.Evidence;
using Auditor.Evidence.MLflow;
using Auditor.Testing;

namespace Auditor.Cli.Tests;

/// <summary>
/// The operator's policy decides what the audited project's configuration may do. tracked-file reaches level 2 and
/// level 3 is blocked by MLA-0035 alone (deployment), level 4 by MLA-0036 (monitoring): a project that disables,
/// waives or re-thresholds them must not pass a <c>--min-level 3</c> gate unless the operator's policy allows it.
/// The gate tests give the project's configuration with <c>--config</c> from a folder beside the project, so that they
/// test the policy alone: a <c>.mlaudit.yml</c> in the project must never count as deployment evidence either, which
/// the deployment detector's own tests hold.
/// </summary>
public sealed class PolicyTests
{
    private const string Header = "apiVersion: mlaudit/v1\nkind: Config\n";

    [Theory]
    [InlineData("rules:\n  disable: [MLA-0035, MLA-0036]\n", "MLA-0035")]
    [InlineData("rules:\n  disableCategories: [deployment, monitoring]\n", "deployment")]
    [InlineData("waivers:\n  - rule: MLA-0035\n    reason: accepted-risk\n    owner: mallory@example.com\n    justification: We deploy by hand and always will.\n    expires: 9999-12-31\n", "MLA-0035")]
    public void Config_that_removes_the_level_3_blocker_does_not_pass_min_level_3(string config, string subject)
    {
        using var fixture = Fixture.Unpack("tracked-file");
        using var output = new TempFolder();
        var file = WriteConfig(output, Header + config);

        var run = CliRun.Invoke(fixture.Path, null, "audit", fixture.Path, "--config", file, "--min-level", "3", "--format", "json", "--output-dir", output.Path);

        Assert.Equal(ExitCodes.GateFailed, run.ExitCode);
        Assert.Contains("maturity level 2 is below --min-level 3", run.Error);
        var report = Report(output);
        Assert.Contains(Entries(report, "refused"), e => e.GetProperty("subject").GetString() == subject);
        Assert.Contains(report.GetProperty("problems").EnumerateArray(), p => p.GetString()!.Contains("mlaudit.yml:") && p.GetString()!.Contains(subject));
        Assert.Equal("fail", Finding(report, "MLA-0035").GetProperty("outcome").GetString());
    }

    [Fact]
    public void Operator_policy_may_allow_disabling_the_level_3_blocker()
    {
        using var fixture = Fixture.Unpack("tracked-file");
        using var ci = new TempFolder();
        var config = WriteConfig(ci, Header + "rules:\n  disable: [MLA-0035]\n");
        File.WriteAllText(ci.Combine("policy.yml"), "apiVersion: mlaudit/v1\nkind: Policy\nrules:\n  allow: [MLA-0035]\n");
        using var output = new TempFolder();

        var run = CliRun.Invoke(fixture.Path, null, "audit", fixture.Path, "--config", config, "--policy", ci.Combine("policy.yml"), "--min-level", "3", "--format", "json", "--output-dir", output.Path);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var report = Report(output);
        Assert.Equal("--policy", report.GetProperty("policy").GetProperty("source").GetString());
        Assert.Equal(ci.Combine("policy.yml"), report.GetProperty("policy").GetProperty("file").GetString());
        var allowed = Assert.Single(Entries(report, "allowed"), e => e.GetProperty("kind").GetString() == "disable-rule");
        Assert.Equal("MLA-0035", allowed.GetProperty("subject").GetString());
    }

    [Fact]
    public void Policy_named_by_MLAUDIT_POLICY_applies_like_the_option()
    {
        using var fixture = Fixture.Unpack("tracked-file");
        using var ci = new TempFolder();
        var config = WriteConfig(ci, Header + "rules:\n  disable: [MLA-0035]\n");
        File.WriteAllText(ci.Combine("policy.yml"), "apiVersion: mlaudit/v1\nkind: Policy\nrules:\n  allow: [MLA-0035]\n");
        string[] args = ["audit", fixture.Path, "--config", config, "--min-level", "3", "--format", "json", "--output-dir", ci.Combine("out")];

        var withPolicy = CliRun.Invoke(fixture.Path, new Dictionary<string, string> { ["MLAUDIT_POLICY"] = ci.Combine("policy.yml") }, args);
        var without = CliRun.Invoke(fixture.Path, null, args);

        Assert.Equal(ExitCodes.Success, withPolicy.ExitCode);
        Assert.Equal(ExitCodes.GateFailed, without.ExitCode);
    }

    [Fact]
    public void Waiver_longer_than_the_policy_allows_is_refused_and_a_shorter_one_applies()
    {
        using var fixture = Fixture.Unpack("tracked-file");
        using var ci = new TempFolder();
        File.WriteAllText(ci.Combine("policy.yml"), "apiVersion: mlaudit/v1\nkind: Policy\nwaivers:\n  maxDays: 30\nrules:\n  allow: [MLA-0036]\n");
        string Waiver(string expires) => Header + $"rules:\n  disable: [MLA-0036]\nwaivers:\n  - rule: MLA-0035\n    reason: remediation-planned\n    owner: alice@example.com\n    justification: Helm chart lands with ML-77.\n    expires: {expires}\n";

        var config = ci.Combine("mlaudit.yml");
        File.WriteAllText(config, Waiver("2027-01-31"));
        var tooLong = CliRun.Invoke(fixture.Path, null, "audit", fixture.Path, "--config", config, "--policy", ci.Combine("policy.yml"), "--min-level", "3", "--format", "json", "--output-dir", ci.Combine("long"));
        File.WriteAllText(config, Waiver("2026-12-20"));
        var shortEnough = CliRun.Invoke(fixture.Path, null, "audit", fixture.Path, "--config", config, "--policy", ci.Combine("policy.yml"), "--min-level", "3", "--format", "json", "--output-dir", ci.Combine("short"));

        Assert.Equal(ExitCodes.GateFailed, tooLong.ExitCode);
        var refused = Assert.Single(Entries(Report(ci.Combine("long")), "refused"), e => e.GetProperty("kind").GetString() == "waiver");
        Assert.Contains("2027-01-31", refused.GetProperty("detail").GetString());
        Assert.Contains("30 days", refused.GetProperty("detail").GetString());
        Assert.Equal(ExitCodes.Success, shortEnough.ExitCode);
        Assert.Contains(Entries(Report(ci.Combine("short")), "allowed"), e => e.GetProperty("kind").GetString() == "waiver" && e.GetProperty("subject").GetString() == "MLA-0035");
    }

    [Fact]
    public void Policy_that_refuses_project_waivers_and_attestations_ignores_them()
    {
        using var fixture = Fixture.Unpack("tracked-file");
        using var ci = new TempFolder();
        var config = WriteConfig(ci, Header + "waivers:\n  - rule: MLA-0035\n    reason: remediation-planned\n    owner: alice@example.com\n    justification: Helm chart lands with ML-77.\n    expires: 2026-12-20\n");
        File.WriteAllText(ci.Combine(".mlaudit-attestations.yml"), Attestation("2026-11-01", "2027-05-01"));
        File.WriteAllText(ci.Combine("policy.yml"), "apiVersion: mlaudit/v1\nkind: Policy\nwaivers:\n  allowed: false\nattestations:\n  allowed: false\n");

        var (_, accepted) = CliRun.AuditToJson(fixture.Path, "--config", config);
        var (_, report) = CliRun.AuditToJson(fixture.Path, "--config", config, "--policy", ci.Combine("policy.yml"));

        Assert.True(Finding(accepted, "MLA-0035").GetProperty("isWaived").GetBoolean());
        Assert.Equal("attested", Finding(accepted, "MLA-0101").GetProperty("basis").GetString());

        Assert.False(Finding(report, "MLA-0035").GetProperty("isWaived").GetBoolean());
        Assert.Equal("unknown", Finding(report, "MLA-0101").GetProperty("outcome").GetString());
        var refused = Entries(report, "refused").Select(e => e.GetProperty("kind").GetString() + " " + e.GetProperty("subject").GetString()).ToList();
        Assert.Contains("waiver MLA-0035", refused);
        Assert.Contains("attestation MLA-0101", refused);
    }

    [Fact]
    public void Threshold_that_weakens_a_required_rule_is_refused_unless_allowed()
    {
        // The operator's own rules raise MLA-0011 to 0.9 (the project logs datasets on 0.667 of its runs); the project
        // lowers it back to 0.5 and disables MLA-0035, which this policy allows.
        using var fixture = Fixture.Unpack("tracked-file");
        using var ci = new TempFolder();
        Directory.CreateDirectory(ci.Combine("rules"));
        var rule = File.ReadAllText(Path.Combine(TestPaths.Rules, "MLA-0011-runs-log-datasets.yaml"));
        File.WriteAllText(ci.Combine("rules", "MLA-0011.yaml"), rule.Replace("atLeast: 0.5", "atLeast: 0.9"));
        var config = WriteConfig(ci, Header + "rules:\n  disable: [MLA-0035]\n  thresholds:\n    MLA-0011:\n      runs.datasetShare: 0.5\n");
        File.WriteAllText(ci.Combine("strict.yml"), "apiVersion: mlaudit/v1\nkind: Policy\nrules:\n  allow: [MLA-0035]\n");
        File.WriteAllText(ci.Combine("lenient.yml"), "apiVersion: mlaudit/v1\nkind: Policy\nrules:\n  allow: [MLA-0035, MLA-0011]\n");

        var strict = CliRun.Invoke(fixture.Path, null, "audit", fixture.Path, "--config", config, "--rules", ci.Combine("rules"), "--policy", ci.Combine("strict.yml"), "--min-level", "3", "--format", "json", "--output-dir", ci.Combine("strict"));
        var lenient = CliRun.Invoke(fixture.Path, null, "audit", fixture.Path, "--config", config, "--rules", ci.Combine("rules"), "--policy", ci.Combine("lenient.yml"), "--min-level", "3", "--format", "json", "--output-dir", ci.Combine("lenient"));

        Assert.Equal(ExitCodes.GateFailed, strict.ExitCode);
        Assert.Contains("expected at least 0.9", Finding(Report(ci.Combine("strict")), "MLA-0011").GetProperty("expression").GetString());
        Assert.Contains("(at least 90% should)", Finding(Report(ci.Combine("strict")), "MLA-0011").GetProperty("message").GetString());
        var refused = Assert.Single(Entries(Report(ci.Combine("strict")), "refused"), e => e.GetProperty("kind").GetString() == "threshold");
        Assert.Equal("MLA-0011", refused.GetProperty("subject").GetString());
        Assert.Equal(ExitCodes.Success, lenient.ExitCode);
        Assert.Contains(Entries(Report(ci.Combine("lenient")), "allowed"), e => e.GetProperty("kind").GetString() == "threshold" && e.GetProperty("subject").GetString() == "MLA-0011");
    }

    [Fact]
    public void Threshold_that_makes_a_required_rule_stricter_applies()
    {
        using var fixture = Fixture.Unpack("tracked-file");
        File.WriteAllText(Path.Combine(fixture.Path, ".mlaudit.yml"), Header + "rules:\n  thresholds:\n    MLA-0011:\n      runs.datasetShare: 0.9\n");

        var (_, report) = CliRun.AuditToJson(fixture.Path);

        Assert.Equal("fail", Finding(report, "MLA-0011").GetProperty("outcome").GetString());
        Assert.DoesNotContain(Entries(report, "refused"), e => e.GetProperty("kind").GetString() == "threshold");
    }

    [Fact]
    public void Attestation_dated_in_the_future_is_refused_with_a_problem_naming_file_and_rule()
    {
        using var fixture = Fixture.Unpack("tracked-file");
        File.WriteAllText(Path.Combine(fixture.Path, ".mlaudit-attestations.yml"), Attestation("2027-01-15", "2027-06-01"));

        var (_, report) = CliRun.AuditToJson(fixture.Path);

        Assert.Equal("unknown", Finding(report, "MLA-0101").GetProperty("outcome").GetString());
        Assert.Contains(report.GetProperty("problems").EnumerateArray(),
            p => p.GetString()!.Contains(".mlaudit-attestations.yml") && p.GetString()!.Contains("MLA-0101") && p.GetString()!.Contains("2027-01-15"));
        Assert.Contains(Entries(report, "refused"), e => e.GetProperty("kind").GetString() == "attestation" && e.GetProperty("subject").GetString() == "MLA-0101");
    }

    [Fact]
    public void Expired_attestation_is_reported_as_a_problem()
    {
        using var fixture = Fixture.Unpack("tracked-file");
        File.WriteAllText(Path.Combine(fixture.Path, ".mlaudit-attestations.yml"), Attestation("2026-01-01", "2026-06-30"));

        var (_, report) = CliRun.AuditToJson(fixture.Path);

        Assert.Equal("unknown", Finding(report, "MLA-0101").GetProperty("outcome").GetString());
        Assert.Contains(report.GetProperty("problems").EnumerateArray(),
            p => p.GetString()!.Contains(".mlaudit-attestations.yml") && p.GetString()!.Contains("MLA-0101") && p.GetString()!.Contains("expired on 2026-06-30"));
    }

    [Theory]
    [InlineData("MLFLOW_TRACKING_TOKEN", "leaked-Token-77")]
    [InlineData("MLFLOW_TRACKING_PASSWORD", "leaked-Password-77")]
    public void Config_named_remote_uri_never_receives_the_environments_credentials(string variable, string secret)
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");
        using var server = new MlflowRestServer(Read(fixture.Path));
        File.WriteAllText(Path.Combine(fixture.Path, ".mlaudit.yml"), Header + $"trackingUri: {server.Uri}\n");
        var variables = new Dictionary<string, string> { [variable] = secret, ["MLFLOW_TRACKING_USERNAME"] = "ci-bot" };
        using var output = new TempFolder();

        var run = CliRun.Invoke(fixture.Path, variables, "audit", fixture.Path, "--format", "json", "--output-dir", output.Path);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.NotEmpty(server.Requests);
        Assert.All(server.Requests, r => Assert.Null(r.Authorization));
        var report = Report(output);
        Assert.Equal("rest", report.GetProperty("subject").GetProperty("tracking").GetProperty("kind").GetString());
        var allowed = Assert.Single(Entries(report, "allowed"), e => e.GetProperty("kind").GetString() == "tracking-uri");
        Assert.Contains("without the environment's credentials", allowed.GetProperty("detail").GetString());
    }

    [Fact]
    public void Operator_named_uri_receives_the_environments_token()
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");
        using var server = new MlflowRestServer(Read(fixture.Path));
        File.WriteAllText(Path.Combine(fixture.Path, ".mlaudit.yml"), Header + "trackingUri: http://127.0.0.1:1\n");
        var variables = new Dictionary<string, string> { ["MLFLOW_TRACKING_TOKEN"] = "ci-Token-5", ["MLFLOW_TRACKING_URI"] = server.Uri };
        using var output = new TempFolder();

        var run = CliRun.Invoke(fixture.Path, variables, "audit", fixture.Path, "--format", "json", "--output-dir", output.Path);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.NotEmpty(server.Requests);
        Assert.All(server.Requests, r => Assert.Equal("Bearer ci-Token-5", r.Authorization));
    }

    [Fact]
    public void Policy_local_refuses_a_config_named_remote_uri()
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");
        using var server = new MlflowRestServer(Read(fixture.Path));
        File.WriteAllText(Path.Combine(fixture.Path, ".mlaudit.yml"), Header + $"trackingUri: {server.Uri}\n");
        using var ci = new TempFolder();
        File.WriteAllText(ci.Combine("policy.yml"), "apiVersion: mlaudit/v1\nkind: Policy\ntrackingUri: local\n");

        var (_, report) = CliRun.AuditToJson(fixture.Path, "--policy", ci.Combine("policy.yml"));

        Assert.Empty(server.Requests);
        Assert.Equal("sqlite", report.GetProperty("subject").GetProperty("tracking").GetProperty("kind").GetString());
        Assert.Contains(Entries(report, "refused"), e => e.GetProperty("kind").GetString() == "tracking-uri");
    }

    [Fact]
    public void Config_named_local_store_outside_the_project_is_refused()
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");
        using var elsewhere = Fixture.Unpack("tracked-file");
        File.WriteAllText(Path.Combine(fixture.Path, ".mlaudit.yml"), Header + $"trackingUri: {Path.Combine(elsewhere.Path, "mlruns")}\n");

        var (_, report) = CliRun.AuditToJson(fixture.Path);

        Assert.Equal("sqlite", report.GetProperty("subject").GetProperty("tracking").GetProperty("kind").GetString());
        Assert.Contains(Entries(report, "refused"), e => e.GetProperty("kind").GetString() == "tracking-uri");
    }

    [Theory]
    [InlineData("kind: Policy\n", "kind: Policy\nwaivers:\n  maxDays: forever\n", "policy.yml:4: 'maxDays' under 'waivers' must be a whole number, not the text 'forever'")]
    [InlineData("kind: Policy\n", "kind: Policy\ntrackingUri: everywhere\n", "policy.yml:3: 'trackingUri' must be one of: anonymous, local, ignore")]
    [InlineData("kind: Policy\n", "kind: Policy\nlenient: true\n", "lenient")]
    [InlineData("kind: Policy\n", "kind: Config\n", "kind")]
    public void Invalid_policy_is_a_one_line_input_error_naming_file_and_line(string find, string replace, string problem)
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("policy.yml"), "apiVersion: mlaudit/v1\nkind: Policy\n".Replace(find, replace));

        var run = CliRun.Invoke(folder.Path, null, "audit", folder.Path, "--policy", "policy.yml");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        var line = Assert.Single(run.Error.Trim().Split('\n'));
        Assert.Contains("policy.yml:", line);
        Assert.Contains(problem, line);
    }

    [Fact]
    public void Missing_policy_file_is_an_input_error()
    {
        using var folder = new TempFolder();

        var run = CliRun.Invoke(folder.Path, null, "audit", folder.Path, "--policy", "nowhere.yml");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Contains("nowhere.yml", run.Error);
    }

    [Fact]
    public void Every_allowed_and_refused_weakening_is_listed_in_every_format()
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");
        File.WriteAllText(Path.Combine(fixture.Path, ".mlaudit.yml"), Header + """
            trackingUri: sqlite:///mlflow.db
            rules:
              disable: [MLA-0019, MLA-0035]
              disableCategories: [process]
              thresholds:
                MLA-0004:
                  runs.failedShare: 0.5
            waivers:
              - rule: MLA-0016
                reason: accepted-risk
                owner: bob@example.com
                justification: Rollback is <b>handled</b> by redeploying the previous image.
                expires: 2027-01-31
            """);
        File.WriteAllText(Path.Combine(fixture.Path, ".mlaudit-attestations.yml"), Attestation("2026-11-01", "2027-05-01").Replace("MLA-0101", "MLA-0106"));
        using var output = new TempFolder();

        var run = CliRun.Invoke(fixture.Path, null, "audit", fixture.Path, "--format", "console,json,html,sarif,junit,markdown", "--output-dir", output.Path);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        OutputSafety.AssertSafe(output.Path, []);
        SchemaValidator.AssertValid(Path.Combine(TestPaths.RepositoryRoot, "docs", "report.schema.json"), File.ReadAllText(output.Combine("report.json")));
        var report = Report(output);
        var allowed = Entries(report, "allowed").Select(e => (e.GetProperty("kind").GetString()!, e.GetProperty("subject").GetString()!)).ToList();
        (string, string)[] expected =
        [
            ("tracking-uri", "sqlite:///mlflow.db"), ("disable-rule", "MLA-0019"), ("disable-category", "process"),
            ("threshold", "MLA-0004"), ("waiver", "MLA-0016"), ("attestation", "MLA-0106"),
        ];
        Assert.Equal(expected.Order().ToList(), allowed.Order().ToList());
        Assert.Equal(("disable-rule", "MLA-0035"), Entries(report, "refused").Select(e => (e.GetProperty("kind").GetString()!, e.GetProperty("subject").GetString()!)).Single());

        var html = File.ReadAllText(output.Combine("report.html"));
        var policyHtml = html[html.IndexOf("<section id=\"policy\"", StringComparison.Ordinal)..];
        policyHtml = policyHtml[..policyHtml.IndexOf("</section>", StringComparison.Ordinal)];
        Assert.Contains("Rollback is &lt;b&gt;handled&lt;/b&gt;", policyHtml);
        var markdown = File.ReadAllText(output.Combine("report.md"));
        var sarifPolicy = JsonDocument.Parse(File.ReadAllText(output.Combine("report.sarif"))).RootElement.GetProperty("runs")[0].GetProperty("properties").GetProperty("policy");
        var junit = System.Xml.Linq.XDocument.Parse(File.ReadAllText(output.Combine("report.junit.xml")));
        var junitValues = junit.Descendants("testsuite").First().Element("properties")!.Elements("property").Select(p => (p.Attribute("name")!.Value, p.Attribute("value")!.Value)).ToList();
        foreach (var (kind, subject) in expected.Append(("disable-rule", "MLA-0035")))
        {
            var state = subject == "MLA-0035" ? "refused" : "allowed";
            Assert.Contains($"{state} {kind} {subject}:", Squeeze(run.Out), StringComparison.Ordinal);
            Assert.Contains($"<td>{kind}</td><td><code>{subject}</code></td>", policyHtml, StringComparison.Ordinal);
            Assert.Contains($"| {state} | {kind} | `{subject}` |", markdown, StringComparison.Ordinal);
            Assert.Contains(sarifPolicy.GetProperty(state).EnumerateArray(), d => d.GetProperty("kind").GetString() == kind && d.GetProperty("subject").GetString() == subject);
            Assert.Contains(junitValues, p => p.Item1 == $"policy.{state}" && p.Item2.StartsWith($"{kind} {subject}: ", StringComparison.Ordinal));
        }
    }

    /// <summary>Console columns are padded; compare with runs of spaces squeezed to one.</summary>
    private static string Squeeze(string text) => System.Text.RegularExpressions.Regex.Replace(text, " +", " ");

    internal static string Attestation(string date, string expires) => $"""
        apiVersion: mlaudit/v1
        kind: Attestations
        attestations:
          - rule: MLA-0101
            answer: "yes"
            owner: carol@example.com
            date: {date}
            expires: {expires}
        """;

    private static string WriteConfig(TempFolder folder, string text)
    {
        var file = folder.Combine("mlaudit.yml");
        File.WriteAllText(file, text);
        return file;
    }

    private static JsonElement Report(TempFolder output) => Report(output.Path);

    private static JsonElement Report(string folder) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "report.json"))).RootElement.Clone();

    private static List<JsonElement> Entries(JsonElement report, string list) =>
        report.GetProperty("policy").GetProperty(list).EnumerateArray().ToList();

    private static JsonElement Finding(JsonElement report, string rule) =>
        report.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("ruleId").GetString() == rule);

    private static Core.Tracking.TrackingStore Read(string project)
    {
        var collected = TrackingStoreReader.Collect(TrackingUriResolver.Resolve(null, project, _ => null, project));
        Assert.True(collected.State == CollectionState.Present, collected.Reason);
        return collected.Value!;
    }
}
