using System.Text.Json;
using Auditor.Core.Evidence;
using Auditor.Core.Reporting;
using Auditor.Core.Rules;
using Auditor.Testing;

namespace Auditor.Reporting.Tests;

/// <summary>What GitHub code scanning needs to keep alerts: fingerprints, locations, help, severities, suppressions, no local paths.</summary>
public sealed class SarifTests
{
    private static readonly string SarifSchema = Path.Combine(AppContext.BaseDirectory, "TestData", "sarif-schema-2.1.0.json");

    private static readonly SarifOptions Options = new()
    {
        RepositoryUri = "https://github.com/acme/churn",
        RulesDocumentUri = "https://github.com/mlaudit/mlaudit/blob/0123456789abcdef0123456789abcdef01234567/docs/rules.md",
        InformationUri = "https://github.com/mlaudit/mlaudit",
        AnchorFile = "README.md",
        CategoryFiles = new Dictionary<string, string> { ["tracking"] = "MLproject", ["security"] = ".mlaudit.yml" },
    };

    private static JsonElement Run(AuditReport report, SarifOptions? options = null)
    {
        var sarif = SarifReportWriter.Serialize(report, options ?? Options);
        SchemaValidator.AssertValid(SarifSchema, sarif);
        return JsonDocument.Parse(sarif).RootElement.GetProperty("runs")[0];
    }

    private static JsonElement Result(JsonElement run, string ruleId) =>
        run.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == ruleId);

    private static string Uri(JsonElement result) =>
        result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()!;

    private static string Fingerprint(JsonElement result) => result.GetProperty("partialFingerprints").GetProperty("mlauditFinding/v1").GetString()!;

    private static AuditReport WithSecretsFinding(Severity severity) => RichReport.Create() with
    {
        Findings = [.. RichReport.Create().Findings, RichReport.Create().Findings[2] with { RuleId = "MLA-0021", Slug = "no-secrets-in-tracking-data", Category = "security", Severity = severity, Evidence = [] }],
    };

    [Fact]
    public void Every_result_has_a_fingerprint_that_ignores_the_anchor_file_and_the_line()
    {
        var run = Run(RichReport.Create());
        var moved = Run(RichReport.Create(), Options with { AnchorFile = "pyproject.toml", CategoryFiles = new Dictionary<string, string>() });

        Assert.All(run.GetProperty("results").EnumerateArray(), r => Assert.Matches("^[0-9a-f]{32}$", Fingerprint(r)));
        Assert.Equal(run.GetProperty("results").EnumerateArray().Select(Fingerprint), moved.GetProperty("results").EnumerateArray().Select(Fingerprint));
        Assert.NotEqual(Uri(Result(run, "MLA-0003")), Uri(Result(moved, "MLA-0003")));
        Assert.Equal(run.GetProperty("results").GetArrayLength(), run.GetProperty("results").EnumerateArray().Select(Fingerprint).Distinct().Count());
    }

    [Fact]
    public void A_finding_on_another_evidence_file_gets_another_fingerprint_but_not_on_another_line()
    {
        var report = RichReport.Create();
        AuditReport At(string file) => report with { Findings = [.. report.Findings.Select(f => f.RuleId == "MLA-0005" ? f with { Evidence = [new EvidenceRef("file", file)] } : f)] };

        Assert.Equal(Fingerprint(Result(Run(At("train.py:3")), "MLA-0005")), Fingerprint(Result(Run(At("train.py:40")), "MLA-0005")));
        Assert.NotEqual(Fingerprint(Result(Run(At("train.py:3")), "MLA-0005")), Fingerprint(Result(Run(At("serve.py:3")), "MLA-0005")));
        Assert.EndsWith("/train.py", Uri(Result(Run(At("train.py:40")), "MLA-0005")));
        Assert.Equal(40, Result(Run(At("train.py:40")), "MLA-0005").GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
    }

    [Fact]
    public void Project_level_findings_are_placed_at_the_file_of_their_category()
    {
        var run = Run(RichReport.Create());

        Assert.EndsWith("/MLproject", Uri(Result(run, "MLA-0003")));
        Assert.EndsWith("/README.md", Uri(Result(run, "MLA-0007")));
    }

    [Theory]
    [InlineData(Severity.Critical, "9.0")]
    [InlineData(Severity.High, "7.0")]
    [InlineData(Severity.Medium, "5.0")]
    [InlineData(Severity.Low, "3.0")]
    public void Security_rules_carry_a_security_severity_and_others_none(Severity severity, string expected)
    {
        var rules = Run(WithSecretsFinding(severity)).GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();

        var secrets = rules.Single(r => r.GetProperty("id").GetString() == "MLA-0021");
        Assert.Equal(expected, secrets.GetProperty("properties").GetProperty("security-severity").GetString());
        Assert.Contains("security", secrets.GetProperty("properties").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.All(rules.Where(r => r.GetProperty("id").GetString() != "MLA-0021"), r => Assert.False(r.GetProperty("properties").TryGetProperty("security-severity", out _)));
    }

    [Fact]
    public void Rules_link_their_catalogue_section_and_the_driver_names_its_version_and_home()
    {
        var run = Run(RichReport.Create());
        var driver = run.GetProperty("tool").GetProperty("driver");

        Assert.Equal("0.1.0", driver.GetProperty("version").GetString());
        Assert.Equal("https://github.com/mlaudit/mlaudit", driver.GetProperty("informationUri").GetString());
        var rule = driver.GetProperty("rules").EnumerateArray().First();
        Assert.Equal(Options.RulesDocumentUri + "#mla-0001", rule.GetProperty("helpUri").GetString());
        Assert.Contains("**Remediation**", rule.GetProperty("help").GetProperty("markdown").GetString());
    }

    [Fact]
    public void Waived_findings_appear_as_suppressed_results_with_their_justification()
    {
        var run = Run(RichReport.Create());
        var waived = Result(run, "MLA-0011");

        var suppression = waived.GetProperty("suppressions").EnumerateArray().Single();
        Assert.Equal("external", suppression.GetProperty("kind").GetString());
        Assert.Equal("accepted", suppression.GetProperty("status").GetString());
        Assert.StartsWith("remediation-planned: Lands with ML-42", suppression.GetProperty("justification").GetString());
        Assert.False(Result(run, "MLA-0003").TryGetProperty("suppressions", out _));
        Assert.NotEmpty(SchemaValidator.Errors(SarifSchema, SarifReportWriter.Serialize(RichReport.Create(), Options).Replace("\"accepted\"", "\"approved\"")));
    }

    [Fact]
    public void Versioncontrolprovenance_is_left_out_without_a_public_repository_uri_and_no_local_path_is_written()
    {
        var report = RichReport.Create() with { Policy = new PolicySummary { Source = "--policy", File = "/home/ci/secret/policy.yml" } };
        var sarif = SarifReportWriter.Serialize(report, new SarifOptions());

        Assert.False(JsonDocument.Parse(sarif).RootElement.GetProperty("runs")[0].TryGetProperty("versionControlProvenance", out _));
        Assert.DoesNotContain("file:", sarif);
        Assert.DoesNotContain("/work", sarif);
        Assert.DoesNotContain("/home/ci", sarif);
        Assert.Contains("\"policy.yml\"", sarif);
    }
}
