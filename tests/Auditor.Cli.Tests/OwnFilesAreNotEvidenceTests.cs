using System.Text.Json;
using Auditor.Testing;

namespace Auditor.Cli.Tests;

/// <summary>
/// mlaudit's own files (its configuration, the attestation file, rule files) are never evidence about the audited
/// project: a minimal <c>.mlaudit.yml</c> used to pass MLA-0035 with evidence <c>.mlaudit.yml:1</c>, because any
/// YAML with <c>apiVersion:</c> and <c>kind:</c> was taken for a Kubernetes manifest.
/// </summary>
public sealed class OwnFilesAreNotEvidenceTests
{
    public static TheoryData<string, string, string> OwnFiles => new()
    {
        { "minimal configuration", ".mlaudit.yml", "apiVersion: mlaudit/v1\nkind: Config\n" },
        { "configuration under its second name", ".mlaudit.yaml", "apiVersion: mlaudit/v1\nkind: Config\nrules:\n  disable: []\n" },
        { "attestation file", ".mlaudit-attestations.yml", "apiVersion: mlaudit/v1\nkind: Attestations\nattestations:\n  - rule: MLA-0101\n    answer: \"yes\"\n    owner: ana\n    date: 2026-11-01\n    expires: 2027-11-01\n" },
        { "rule file in a rule folder", "policy/rules/MLA-9001-custom.yaml", "apiVersion: mlaudit/v1\nkind: Rule\nid: MLA-9001\ntitle: custom\nlevel: 3\n" },
        { "maturity model of a copied catalogue", "policy/rules/maturity-model.yaml", "apiVersion: mlaudit/v1\nkind: MaturityModel\nlevels: []\n" },
    };

    [Theory]
    [MemberData(nameof(OwnFiles))]
    public void Mlaudit_files_do_not_pass_deployment_automated(string situation, string path, string content)
    {
        using var fixture = Fixture.Unpack("untracked");
        var file = Path.Combine(fixture.Path, path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content);

        var (_, report) = CliRun.AuditToJson(fixture.Path);

        var deployment = Finding(report, "MLA-0035");
        Assert.True(deployment.GetProperty("outcome").GetString() == "fail", $"{situation}: MLA-0035 is {deployment.GetProperty("outcome")} with evidence {deployment.GetProperty("evidence")}");
        Assert.DoesNotContain(report.GetProperty("findings").EnumerateArray().SelectMany(Evidence), e => e.Contains(Path.GetFileName(path), StringComparison.Ordinal));
    }

    [Fact]
    public void A_configured_attestation_file_and_the_config_given_with_the_option_are_not_evidence()
    {
        using var fixture = Fixture.Unpack("untracked");
        Directory.CreateDirectory(Path.Combine(fixture.Path, "compliance"));
        File.WriteAllText(Path.Combine(fixture.Path, "compliance", "audit.yml"), "apiVersion: mlaudit/v1\nkind: Config\nattestations: answers.yml\n");
        File.WriteAllText(Path.Combine(fixture.Path, "compliance", "answers.yml"), "apiVersion: mlaudit/v1\nkind: Attestations\nattestations: []\n");

        var (_, report) = CliRun.AuditToJson(fixture.Path, "--config", Path.Combine(fixture.Path, "compliance", "audit.yml"));

        Assert.Equal("fail", Finding(report, "MLA-0035").GetProperty("outcome").GetString());
        Assert.DoesNotContain(report.GetProperty("findings").EnumerateArray().SelectMany(Evidence), e => e.Contains("compliance/", StringComparison.Ordinal));
    }

    private static IEnumerable<string> Evidence(JsonElement finding) =>
        finding.GetProperty("evidence").EnumerateArray().Select(e => e.GetRawText());

    private static JsonElement Finding(JsonElement report, string ruleId) =>
        report.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("ruleId").GetString() == ruleId);
}
