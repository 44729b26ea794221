using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Auditor.Testing;

namespace Auditor.Cli.Tests;

/// <summary>
/// No report format calls a level above the attained one met or reached: JSON, console, Markdown, JUnit, SARIF and
/// HTML, for every fixture. (Before schemaVersion 2 a level-0 project read "met" at any level whose own rules passed.)
/// </summary>
public sealed partial class HonestLevelTests
{
    /// <summary>Every fixture project in tests/TestData/fixtures.</summary>
    public static readonly string[] FixtureNames = ["tracked-file", "tracked-file-3x", "tracked-sqlite", "tracked-sqlite-3x", "sloppy-file", "untracked", "genai-file-3x", "genai-sqlite-3x"];

    public static TheoryData<string> Fixtures => new(FixtureNames);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void No_format_reads_a_level_above_the_attained_one_as_met_or_reached(string name)
    {
        using var fixture = Fixture.Unpack(name);

        AuditInEveryFormat(fixture.Path);
    }

    [Fact]
    public void Level_4_criteria_met_on_a_level_0_project_reads_not_reached_in_every_format()
    {
        using var fixture = Fixture.Unpack("untracked");
        using var rules = new TempFolder();
        WriteLevel4CriteriaRules(rules);

        var (report, console) = AuditInEveryFormat(fixture.Path, "--rules", rules.Path);

        Assert.Equal(0, report.GetProperty("maturity").GetProperty("level").GetInt32());
        var level4 = report.GetProperty("maturity").GetProperty("levels")[4];
        Assert.Equal("criteria-met", level4.GetProperty("status").GetString());
        Assert.False(level4.GetProperty("reached").GetBoolean());
        Assert.Contains("[~] level 4 Full MLOps automated operations  criteria met, not reached (level 1 not reached)", console);
    }

    [Fact]
    public void Level_4_needs_training_launched_by_automation_not_only_workflow_files()
    {
        // The tracked project trains in CI (train.yml) and, with deployment and monitoring taken as detected, has every
        // file a level-4 project has; but only one of its fifteen runs was launched by a pipeline (`mlflow run`).
        using var fixture = Fixture.Unpack("tracked-file");
        using var rules = new TempFolder();
        foreach (var (id, fact) in new[] { ("MLA-0035", "deployment.present"), ("MLA-0036", "monitoring.present") })
        {
            var file = Directory.GetFiles(TestPaths.Rules, id + "-*.yaml").Single();
            File.WriteAllText(rules.Combine(Path.GetFileName(file)), File.ReadAllText(file).Replace(fact, "repository.present"));
        }

        var (_, report) = CliRun.AuditToJson(fixture.Path, "--rules", rules.Path);

        Assert.Equal(3, report.GetProperty("maturity").GetProperty("level").GetInt32());
        var level4 = report.GetProperty("maturity").GetProperty("levels")[4];
        Assert.Equal("not-met", level4.GetProperty("status").GetString());
        Assert.Equal(["MLA-0017"], level4.GetProperty("blocking").EnumerateArray().Select(b => b.GetString()));
        var automated = report.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("ruleId").GetString() == "MLA-0017");
        Assert.Equal("fail", automated.GetProperty("outcome").GetString());
        Assert.Contains("runs.automatedShare", automated.GetProperty("expression").GetString());
    }

    /// <summary>
    /// Rules that make level 4's own criteria pass on any git repository: monitoring and automated runs not required,
    /// version control required at level 4 as well.
    /// </summary>
    internal static void WriteLevel4CriteriaRules(TempFolder rules)
    {
        foreach (var id in new[] { "MLA-0036", "MLA-0017" })
        {
            var file = Directory.GetFiles(TestPaths.Rules, id + "-*.yaml").Single();
            File.WriteAllText(rules.Combine(Path.GetFileName(file)), File.ReadAllText(file).Replace("required: true", "required: false").Replace("mustApply: true\n", ""));
        }

        var git = File.ReadAllText(Directory.GetFiles(TestPaths.Rules, "MLA-0001-*.yaml").Single());
        File.WriteAllText(rules.Combine("MLA-9001-version-control-at-level-4.yaml"),
            git.Replace("id: MLA-0001", "id: MLA-9001").Replace("slug: version-control", "slug: version-control-at-level-4").Replace("level: 1", "level: 4"));
    }

    /// <summary>Audits in every format and checks each one; returns the JSON report and the console output.</summary>
    private static (JsonElement Report, string Console) AuditInEveryFormat(string project, params string[] extra)
    {
        using var output = new TempFolder();
        var run = CliRun.Invoke(project, null, ["audit", project, "--format", "console,json,html,sarif,junit,markdown", "--output-dir", output.Path, .. extra]);
        Assert.True(run.ExitCode == 0, run.Error);

        var report = JsonDocument.Parse(File.ReadAllText(output.Combine("report.json"))).RootElement.Clone();
        var attained = report.GetProperty("maturity").GetProperty("level").GetInt32();
        Assert.Equal("2", report.GetProperty("schemaVersion").GetString());
        foreach (var level in report.GetProperty("maturity").GetProperty("levels").EnumerateArray())
        {
            var n = level.GetProperty("level").GetInt32();
            Assert.Equal(n <= attained, level.GetProperty("reached").GetBoolean());
            Assert.Equal(n <= attained, level.GetProperty("status").GetString() == "reached");
        }

        var markdown = File.ReadAllText(output.Combine("report.md"));
        AssertHonestText(run.Out, attained, "console");
        AssertHonestText(markdown, attained, "markdown");
        AssertHonestLadderRows(markdown, attained);
        AssertHonestText(File.ReadAllText(output.Combine("report.sarif")), attained, "sarif");
        AssertHonestJUnit(XDocument.Load(output.Combine("report.junit.xml")), attained);
        AssertHonestHtml(File.ReadAllText(output.Combine("report.html")), attained);
        Assert.DoesNotContain(run.Out.Split('\n'), l => l.Contains("[x] level") && LevelOf(l) > attained);
        return (report, run.Out);
    }

    [Fact]
    public void Project_without_a_store_does_not_meet_level_3_on_deployment_alone()
    {
        using var fixture = Fixture.Unpack("untracked");
        var (_, report) = CliRun.AuditToJson(fixture.Path);

        var level3 = report.GetProperty("maturity").GetProperty("levels")[3];
        Assert.Equal("not-met", level3.GetProperty("status").GetString());
        Assert.Contains("MLA-0023", level3.GetProperty("blocking").EnumerateArray().Select(b => b.GetString()));
        var level4 = report.GetProperty("maturity").GetProperty("levels")[4];
        Assert.Contains("MLA-0017", level4.GetProperty("blocking").EnumerateArray().Select(b => b.GetString()));
    }

    /// <summary>Any line that names level N above the attained one and says met or reached must say "not" with it.</summary>
    internal static void AssertHonestText(string text, int attained, string format)
    {
        foreach (var line in text.Split('\n'))
        {
            foreach (Match match in LevelMention().Matches(line))
            {
                var level = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                var rest = line[match.Index..].Replace("criteria met, not reached", "", StringComparison.Ordinal);
                var claims = Claim().Matches(rest).Where(c => !rest[..c.Index].EndsWith("not ", StringComparison.Ordinal)).ToList();
                Assert.True(level <= attained || claims.Count == 0, $"{format} says level {level} is met or reached above the attained level {attained}: {line.Trim()}");
            }
        }
    }

    /// <summary>The Markdown ladder: "| N name | status | blocked by |".</summary>
    private static void AssertHonestLadderRows(string markdown, int attained)
    {
        var rows = LadderRow().Matches(markdown).ToList();
        Assert.Equal(5, rows.Count);
        foreach (var row in rows)
        {
            var level = int.Parse(row.Groups["level"].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(level <= attained, row.Groups["status"].Value == "reached");
            Assert.True(level <= attained || row.Groups["status"].Value is "not met" or "unknown" || row.Groups["status"].Value.StartsWith("criteria met, not reached", StringComparison.Ordinal),
                $"markdown ladder row for level {level}: {row.Value}");
        }
    }

    private static void AssertHonestJUnit(XDocument xml, int attained)
    {
        foreach (var suite in xml.Root!.Elements("testsuite"))
        {
            var level = LevelOf((string)suite.Attribute("name")!);
            var levelCase = suite.Elements("testcase").Single(c => ((string?)c.Attribute("name"))!.EndsWith(" reached", StringComparison.Ordinal));
            Assert.Equal(level <= attained, !levelCase.HasElements);
            Assert.EndsWith(level <= attained ? "(reached)" : "(not reached)", (string)suite.Attribute("name")!);
        }
    }

    private static void AssertHonestHtml(string html, int attained)
    {
        var rungs = Rung().Matches(html).ToList();
        Assert.Equal(5, rungs.Count);
        foreach (var rung in rungs)
        {
            var level = int.Parse(rung.Groups["level"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var classes = rung.Groups["class"].Value.Split(' ');
            Assert.Equal(level <= attained, classes.Contains("attained"));
            Assert.Equal(level <= attained, classes.Contains("reached"));
            Assert.Equal(level <= attained ? "true" : "false", rung.Groups["reached"].Value);
            var status = rung.Groups["status"].Value;
            Assert.True(level <= attained || !status.StartsWith("reached", StringComparison.Ordinal), $"level {level} rung says {status}");
        }
    }

    private static int LevelOf(string text) =>
        int.Parse(LevelMention().Match(text).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(?i)\blevel\s+(\d)\b")]
    private static partial Regex LevelMention();

    [GeneratedRegex(@"(?m)^\| (?<level>\d) [^|]*\| (?<status>[^|]*?) \|")]
    private static partial Regex LadderRow();

    [GeneratedRegex(@"(?i)\b(met|reached)\b")]
    private static partial Regex Claim();

    [GeneratedRegex("""<li class="rung (?<class>[^"]*)" data-level="(?<level>\d)" data-reached="(?<reached>\w+)"[^>]*>\s*<div class="n">[^<]*</div>\s*<div class="status"[^>]*>(?<status>[^<]*)""")]
    private static partial Regex Rung();
}
