using System.Text.Json;
using System.Xml.Linq;
using Auditor.Testing;

namespace Auditor.Reporting.Tests;

/// <summary>The machine formats validate against their schemas; the human summaries match checked-in golden files.</summary>
public sealed class FormatTests
{
    private static readonly string ReportSchema = Path.Combine(TestPaths.RepositoryRoot, "docs", "report.schema.json");
    private static readonly string SarifSchema = Path.Combine(AppContext.BaseDirectory, "TestData", "sarif-schema-2.1.0.json");

    [Fact]
    public void Json_reports_validate_against_the_documented_schema()
    {
        SchemaValidator.AssertValid(ReportSchema, JsonReportWriter.Serialize(SampleReport.Create()));
        SchemaValidator.AssertValid(ReportSchema, JsonReportWriter.Serialize(RichReport.Create()));
    }

    [Fact]
    public void Json_schema_rejects_an_undocumented_field_and_a_wrong_enum()
    {
        var json = JsonReportWriter.Serialize(RichReport.Create());

        Assert.NotEmpty(SchemaValidator.Errors(ReportSchema, json.Replace("\"schemaVersion\": \"2\"", "\"schemaVersion\": \"2\", \"surprise\": 1")));
        Assert.NotEmpty(SchemaValidator.Errors(ReportSchema, json.Replace("\"outcome\": \"fail\"", "\"outcome\": \"failed\"")));
    }

    [Fact]
    public void Sarif_validates_against_the_official_2_1_0_schema()
    {
        SchemaValidator.AssertValid(SarifSchema, SarifReportWriter.Serialize(RichReport.Create()));
        SchemaValidator.AssertValid(SarifSchema, SarifReportWriter.Serialize(SampleReport.Create()));
    }

    [Fact]
    public void Sarif_lists_every_rule_and_reports_only_failing_findings_at_a_real_file()
    {
        var report = RichReport.Create();
        var options = new SarifOptions { RepositoryUri = "https://github.com/acme/churn", AnchorFile = "MLproject" };
        var run = JsonDocument.Parse(SarifReportWriter.Serialize(report, options)).RootElement.GetProperty("runs").EnumerateArray().Single();

        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(report.Findings.Select(f => f.RuleId), rules);
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["MLA-0003", "MLA-0005", "MLA-0007", "MLA-0011"], results.Select(r => r.GetProperty("ruleId").GetString()));
        Assert.Equal(["error", "warning", "error", "error"], results.Select(r => r.GetProperty("level").GetString()));
        var uris = results.Select(r => r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation")).ToList();
        Assert.All(uris, u => Assert.Equal("%SRCROOT%", u.GetProperty("uriBaseId").GetString()));
        Assert.Equal("churn%20%3Cscript%3Ewindow.__pwned%3D%27script%27%3Bdocument.title%3D%27pwned%27%3C/script%3E/MLproject", uris[0].GetProperty("uri").GetString());
        // File evidence is relative to the audited folder; SARIF locations are relative to the repository root.
        Assert.StartsWith("churn%20%3Cscript%3E", uris[1].GetProperty("uri").GetString());
        Assert.Contains("/models/README%20%3Cimg", uris[1].GetProperty("uri").GetString());
        var provenance = run.GetProperty("versionControlProvenance")[0];
        Assert.Equal("https://github.com/acme/churn", provenance.GetProperty("repositoryUri").GetString());
        Assert.Equal(report.Subject.Repository!.Head, provenance.GetProperty("revisionId").GetString());
        Assert.StartsWith("mlaudit/churn ", run.GetProperty("automationDetails").GetProperty("id").GetString());
    }

    [Fact]
    public void Junit_parses_with_one_case_per_rule_grouped_by_level()
    {
        var xml = XDocument.Parse(JUnitReportWriter.Serialize(RichReport.Create()));

        var suites = xml.Root!.Elements("testsuite").ToList();
        Assert.Equal(["Level 1 - DevOps but no MLOps (reached)", "Level 2 - Automated training (not reached)", "Level 3 - Automated model deployment (not reached)"],
            suites.Select(s => (string?)s.Attribute("name")));
        Assert.Equal(13, xml.Descendants("testcase").Count());
        Assert.Equal("13", (string?)xml.Root.Attribute("tests"));
        var failure = xml.Descendants("testcase").Single(c => ((string?)c.Attribute("name"))!.StartsWith("MLA-0003", StringComparison.Ordinal)).Element("failure")!;
        Assert.Contains("Remediation:", failure.Value);
        Assert.Contains(RichReport.Script, failure.Value);
        Assert.Equal(4, xml.Descendants("skipped").Count());
        Assert.Contains(xml.Descendants("skipped"), e => ((string?)e.Attribute("message"))!.StartsWith("waived (remediation-planned", StringComparison.Ordinal));
        Assert.Single(xml.Descendants("error"));
        Assert.Equal("3", (string?)suites[1].Attribute("failures"));
    }

    [Fact]
    public void Junit_level_case_passes_only_for_a_reached_level()
    {
        var xml = XDocument.Parse(JUnitReportWriter.Serialize(RichReport.Create()));
        XElement LevelCase(int level) => xml.Descendants("testcase").Single(c => (string?)c.Attribute("name") == $"level {level} reached");

        Assert.Empty(LevelCase(1).Elements());
        Assert.Equal("not reached: not met; blocked by MLA-0003", (string?)LevelCase(2).Element("failure")!.Attribute("message"));
        Assert.StartsWith("not reached: unknown", (string?)LevelCase(3).Element("skipped")!.Attribute("message"));
    }

    [Fact]
    public void Markdown_summary_matches_the_golden_file() =>
        Golden.AssertMatches("summary.md", MarkdownReportWriter.Serialize(RichReport.Create()));

    [Fact]
    public void Markdown_escapes_project_values()
    {
        var md = MarkdownReportWriter.Serialize(RichReport.Create());

        Assert.DoesNotContain("<script", md);
        Assert.DoesNotContain("<img", md);
        Assert.DoesNotContain("| pipe |", md);
        Assert.Contains("\\| pipe \\| \\`tick\\` \\*\\*bold\\*\\*", md);
        var rows = md.Split('\n').Where(l => l.StartsWith('|') && l.Contains(" holds |", StringComparison.Ordinal)).ToList();
        Assert.Equal(9, rows.Count);
        Assert.All(rows, row => Assert.Equal(5, System.Text.RegularExpressions.Regex.Count(row, @"(?<!\\)\|")));
    }

    [Fact]
    public void Console_summary_matches_the_golden_file()
    {
        var output = new StringWriter();
        ConsoleReportWriter.Write(RichReport.Create(), output);
        Golden.AssertMatches("summary.console.txt", output.ToString());
    }

    [Fact]
    public void Console_summary_on_a_terminal_is_coloured_and_verbose_lists_passes_with_expressions()
    {
        var plain = new StringWriter();
        var terminal = new StringWriter();
        ConsoleReportWriter.Write(RichReport.Create(), plain, new ConsoleReportOptions { Verbose = true });
        ConsoleReportWriter.Write(RichReport.Create(), terminal, new ConsoleReportOptions { Color = true });

        Golden.AssertMatches("summary.console.verbose.txt", plain.ToString());
        Golden.AssertMatches("summary.console.ansi.txt", terminal.ToString());
        Assert.DoesNotContain("\u001b", plain.ToString());
        Assert.Contains("\u001b[1mFailing", terminal.ToString());
    }

    [Theory]
    [InlineData(null, null, true, true)]
    [InlineData(null, null, false, false)]
    [InlineData("1", null, true, false)]
    [InlineData(null, "1", false, true)]
    [InlineData(null, "0", true, false)]
    [InlineData("1", "1", false, false)]
    public void Console_colour_follows_the_terminal_NO_COLOR_and_FORCE_COLOR(string? noColor, string? forceColor, bool terminal, bool coloured)
    {
        var variables = new Dictionary<string, string?> { ["NO_COLOR"] = noColor, ["FORCE_COLOR"] = forceColor };

        Assert.Equal(coloured, ConsoleReportOptions.ColorWanted(name => variables.GetValueOrDefault(name), terminal));
    }
}
