using System.Text.Json;
using Auditor.Testing;

namespace Auditor.Cli.Tests;

/// <summary>SARIF from real audits keeps its alerts: the same fingerprints run after run and after README.md changes, results at the evidence files.</summary>
public sealed class SarifCodeScanningTests
{
    private static readonly string SarifSchema = Path.Combine(TestPaths.RepositoryRoot, "tests", "Auditor.Reporting.Tests", "TestData", "sarif-schema-2.1.0.json");
    private static readonly Dictionary<string, string> GitHub = new() { ["GITHUB_SERVER_URL"] = "https://github.com", ["GITHUB_REPOSITORY"] = "acme/churn" };

    private static (JsonElement Run, JsonElement Report) Audit(string project)
    {
        using var output = new TempFolder();
        var run = CliRun.Invoke(project, GitHub, "audit", project, "--format", "json,sarif", "--output-dir", output.Path);
        Assert.True(run.ExitCode == 0, run.Error);
        var sarif = File.ReadAllText(output.Combine("report.sarif"));
        SchemaValidator.AssertValid(SarifSchema, sarif);
        return (JsonDocument.Parse(sarif).RootElement.GetProperty("runs")[0].Clone(), JsonDocument.Parse(File.ReadAllText(output.Combine("report.json"))).RootElement.Clone());
    }

    private static Dictionary<string, string> Fingerprints(JsonElement run) => run.GetProperty("results").EnumerateArray()
        .ToDictionary(r => r.GetProperty("ruleId").GetString()!, r => r.GetProperty("partialFingerprints").GetProperty("primaryLocationLineHash").GetString()!);

    private static string Uri(JsonElement result) =>
        System.Uri.UnescapeDataString(result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()!);

    [Fact]
    public void Fingerprints_are_stable_across_two_audits_and_an_edit_to_readme()
    {
        using var fixture = Fixture.Unpack("untracked");
        var first = Fingerprints(Audit(fixture.Path).Run);
        var second = Fingerprints(Audit(fixture.Path).Run);
        File.WriteAllText(Path.Combine(fixture.Path, "README.md"), "# A new first line\n\n" + (File.Exists(Path.Combine(fixture.Path, "README.md")) ? File.ReadAllText(Path.Combine(fixture.Path, "README.md")) : ""));
        GitCli.Run(fixture.Path, "add", "-A");
        GitCli.Run(fixture.Path, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "edit README");
        var edited = Fingerprints(Audit(fixture.Path).Run);

        Assert.NotEmpty(first);
        Assert.Equal(first, second);
        Assert.Equal(first, edited);
    }

    [Fact]
    public void Results_are_at_their_evidence_files_and_project_findings_at_the_file_a_fix_touches()
    {
        using var fixture = Fixture.Unpack("untracked");
        var (run, report) = Audit(fixture.Path);

        var results = run.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("ruleId").GetString()!);
        var withFiles = 0;
        foreach (var finding in report.GetProperty("findings").EnumerateArray().Where(f => results.ContainsKey(f.GetProperty("ruleId").GetString()!)))
        {
            var uri = Uri(results[finding.GetProperty("ruleId").GetString()!]);
            Assert.True(File.Exists(Path.Combine(fixture.Path, uri)), $"{uri} is not a file of the project");
            var file = finding.GetProperty("evidence").EnumerateArray().FirstOrDefault(e => e.GetProperty("kind").GetString() == "file");
            if (file.ValueKind == JsonValueKind.Object)
            {
                withFiles++;
                Assert.Equal(file.GetProperty("value").GetString()!.Split(':')[0], uri);
            }
        }

        Assert.True(withFiles > 0, "no result rests on a file");
        Assert.Equal("models/lin_reg.bin", Uri(results["MLA-0037"]));
        Assert.Equal("requirements.txt", Uri(results["MLA-0031"]));
        var rule = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "MLA-0037");
        Assert.Matches("^https://github.com/mlaudit/mlaudit/blob/[0-9a-f]{40}/docs/rules.md#mla-0037$", rule.GetProperty("helpUri").GetString());
    }
}
