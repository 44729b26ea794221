using System.Text.Json;
using Auditor.Testing;

namespace Auditor.Cli.Tests;

/// <summary>
/// actions/checkout clones with depth 1. What such a clone cannot show is unknown, never fail: the same store audited
/// from a shallow clone gives no failing finding the full clone does not give, and the same level.
/// </summary>
public sealed class ShallowCloneTests
{
    [Theory]
    [InlineData("tracked-file")]
    [InlineData("tracked-file-3x")]
    [InlineData("tracked-sqlite")]
    [InlineData("tracked-sqlite-3x")]
    public void Shallow_clone_gives_no_fail_the_full_clone_does_not_and_the_same_level(string name)
    {
        using var fixture = Fixture.Unpack(name);
        using var clone = new ShallowFixtureClone(fixture.Path);

        var (_, full) = CliRun.AuditToJson(fixture.Path);
        var (_, shallow) = CliRun.AuditToJson(clone.Path);

        Assert.True(shallow.GetProperty("subject").GetProperty("repository").GetProperty("shallow").GetBoolean());
        var fullOutcomes = Outcomes(full);
        var newFails = Outcomes(shallow).Where(o => o.Value is "fail" or "error" && fullOutcomes[o.Key] is not ("fail" or "error")).Select(o => o.Key).ToList();
        Assert.Empty(newFails);
        Assert.Equal(Level(full), Level(shallow));
        Assert.Equal(full.GetProperty("inventory").GetProperty("runs").GetProperty("total").GetInt32(), shallow.GetProperty("inventory").GetProperty("runs").GetProperty("total").GetInt32());
    }

    [Fact]
    public void Serving_version_on_a_commit_beyond_a_shallow_clone_is_unknown_with_the_fix_not_failed()
    {
        using var fixture = Fixture.Unpack("tracked-file");
        using var clone = new ShallowFixtureClone(fixture.Path);

        var (_, report) = CliRun.AuditToJson(clone.Path);

        foreach (var id in new[] { "MLA-0023", "MLA-0024", "MLA-0038" })
        {
            var finding = report.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("ruleId").GetString() == id);
            Assert.Equal("unknown", finding.GetProperty("outcome").GetString());
            var message = finding.GetProperty("message").GetString()!;
            Assert.Contains("shallow", message);
            Assert.Contains("fetch-depth: 0", message);
            Assert.Contains("GIT_DEPTH: 0", message);
        }
    }

    [Fact]
    public void Fail_on_critical_does_not_fail_on_an_unknown_finding_while_min_level_does()
    {
        using var fixture = Fixture.Unpack("tracked-file");
        using var clone = new ShallowFixtureClone(fixture.Path);
        using var rules = new TempFolder();
        // Take deployment (MLA-0035) out of level 3's requirements, so the critical MLA-0023 alone decides level 3.
        var deployment = Directory.GetFiles(TestPaths.Rules, "MLA-0035-*.yaml").Single();
        File.WriteAllText(rules.Combine(Path.GetFileName(deployment)), File.ReadAllText(deployment).Replace("required: true", "required: false"));
        using var output = new TempFolder();
        CliRun Gate(string project, params string[] gate) =>
            CliRun.Invoke(project, null, ["audit", project, "--rules", rules.Path, "--format", "json", "--output-dir", output.Path, .. gate]);

        var full = Gate(fixture.Path, "--min-level", "3");
        var failOn = Gate(clone.Path, "--fail-on", "critical");
        var critical = JsonDocument.Parse(File.ReadAllText(output.Combine("report.json"))).RootElement.GetProperty("findings").EnumerateArray()
            .Single(f => f.GetProperty("ruleId").GetString() == "MLA-0023");
        var minLevel = Gate(clone.Path, "--min-level", "3");

        Assert.True(full.ExitCode == ExitCodes.Success, full.Error);
        Assert.Equal("unknown", critical.GetProperty("outcome").GetString());
        Assert.Equal("critical", critical.GetProperty("severity").GetString());
        Assert.True(failOn.ExitCode == ExitCodes.Success, failOn.Error);
        Assert.Contains("gate: passed", failOn.Error);
        Assert.Equal(ExitCodes.GateFailed, minLevel.ExitCode);
        Assert.Contains("maturity level 2 is below --min-level 3", minLevel.Error);
    }

    private static Dictionary<string, string> Outcomes(JsonElement report) =>
        report.GetProperty("findings").EnumerateArray().ToDictionary(f => f.GetProperty("ruleId").GetString()!, f => f.GetProperty("outcome").GetString()!);

    private static int Level(JsonElement report) => report.GetProperty("maturity").GetProperty("level").GetInt32();
}
