using System.Text.Json;
using System.Xml.Linq;
using Auditor.Testing;

namespace Auditor.Cli.Tests;

/// <summary>Every format from real audits: the machine formats validate against their schemas.</summary>
public sealed class ReportFormatsTests
{
    private static readonly string ReportSchema = Path.Combine(TestPaths.RepositoryRoot, "docs", "report.schema.json");
    private static readonly string SarifSchema = Path.Combine(TestPaths.RepositoryRoot, "tests", "Auditor.Reporting.Tests", "TestData", "sarif-schema-2.1.0.json");

    [Theory]
    [InlineData("tracked-file")]
    [InlineData("tracked-sqlite-3x")]
    [InlineData("untracked")]
    [InlineData("sloppy-file")]
    public void Every_format_is_written_and_the_machine_formats_validate(string name)
    {
        using var fixture = Fixture.Unpack(name);
        using var output = new TempFolder();
        var variables = new Dictionary<string, string> { ["GITHUB_SERVER_URL"] = "https://github.com", ["GITHUB_REPOSITORY"] = "acme/churn" };
        var run = CliRun.Invoke(fixture.Path, variables, "audit", fixture.Path, "--format", "console,json,html,sarif,junit,markdown", "--output-dir", output.Path);

        Assert.True(run.ExitCode == 0, run.Error);
        SchemaValidator.AssertValid(ReportSchema, File.ReadAllText(output.Combine("report.json")));
        var sarif = File.ReadAllText(output.Combine("report.sarif"));
        SchemaValidator.AssertValid(SarifSchema, sarif);
        XDocument.Parse(File.ReadAllText(output.Combine("report.junit.xml")));
        Assert.StartsWith("## mlaudit: maturity level", File.ReadAllText(output.Combine("report.md")));

        var sarifRun = JsonDocument.Parse(sarif).RootElement.GetProperty("runs")[0];
        foreach (var result in sarifRun.GetProperty("results").EnumerateArray())
        {
            var uri = result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()!;
            Assert.True(File.Exists(Path.Combine(fixture.Path, Uri.UnescapeDataString(uri))), $"SARIF location {uri} is not a file of the project");
        }

        if (sarifRun.TryGetProperty("versionControlProvenance", out var provenance))
        {
            Assert.Equal("https://github.com/acme/churn", provenance[0].GetProperty("repositoryUri").GetString());
        }
    }

    [Fact]
    public void Runs_over_time_count_runs_per_month_with_git_commits()
    {
        using var fixture = Fixture.Unpack("tracked-file");
        var (_, report) = CliRun.AuditToJson(fixture.Path);

        var periods = report.GetProperty("runsOverTime").EnumerateArray().ToList();
        Assert.NotEmpty(periods);
        Assert.Equal(report.GetProperty("inventory").GetProperty("runs").GetProperty("total").GetInt32(), periods.Sum(p => p.GetProperty("runs").GetInt32()));
        Assert.Equal(15, periods.Sum(p => p.GetProperty("withGitCommit").GetInt32()));
        Assert.NotEmpty(report.GetProperty("findings")[0].GetProperty("remediation").GetString()!);
    }

    [Fact]
    public void No_progress_is_printed_when_standard_error_is_not_a_terminal()
    {
        using var folder = new TempFolder();
        var run = CliRun.Invoke(folder.Path, null, "audit", folder.Path);

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("auditing", run.Error);
    }
}
