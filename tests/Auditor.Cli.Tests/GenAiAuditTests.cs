using System.Text.Json;
using Auditor.Testing;

namespace Auditor.Cli.Tests;

/// <summary>
/// Audits of the GenAI fixtures: the GenAI rules decide only where the store holds GenAI entities, the inventory and
/// the HTML and Markdown reports carry a GenAI section, and classic projects are judged as before.
/// </summary>
public sealed class GenAiAuditTests
{
    private static readonly string[] GenAiRules = ["MLA-0201", "MLA-0202", "MLA-0203", "MLA-0204", "MLA-0205", "MLA-0206", "MLA-0207"];

    [Theory]
    [InlineData("tracked-file")]
    [InlineData("tracked-sqlite-3x")]
    [InlineData("sloppy-file")]
    [InlineData("untracked")]
    public void Classic_projects_find_every_GenAI_rule_not_applicable(string name)
    {
        using var fixture = Fixture.Unpack(name);
        var (_, report) = CliRun.AuditToJson(fixture.Path);

        Assert.All(GenAiRules, id => Assert.Equal("not-applicable", Finding(report, id).GetProperty("outcome").GetString()));
        Assert.Equal(0, report.GetProperty("inventory").GetProperty("genai").GetProperty("traces").GetInt32());
    }

    [Theory]
    [InlineData("genai-file-3x", 0)]
    [InlineData("genai-sqlite-3x", 2)]
    public void GenAI_stores_count_their_entities_in_the_inventory(string name, int evaluationDatasets)
    {
        using var fixture = Fixture.Unpack(name);
        var (_, report) = CliRun.AuditToJson(fixture.Path);
        var genai = report.GetProperty("inventory").GetProperty("genai");

        Assert.Equal(1, report.GetProperty("inventory").GetProperty("registeredModels").GetInt32());
        Assert.Equal(4, genai.GetProperty("prompts").GetInt32());
        Assert.Equal(10, genai.GetProperty("promptVersions").GetInt32());
        Assert.Equal(1, genai.GetProperty("promptsNeverLoaded").GetInt32());
        Assert.Equal(47, genai.GetProperty("traces").GetInt32());
        Assert.Equal(4, genai.GetProperty("tracesWithError").GetInt32());
        Assert.Equal(258, genai.GetProperty("spans").GetInt32());
        Assert.Equal(150, genai.GetProperty("assessments").GetInt32());
        Assert.Equal(98, genai.GetProperty("feedback").GetInt32());
        Assert.Equal(52, genai.GetProperty("expectations").GetInt32());
        Assert.Equal(2, genai.GetProperty("evaluationRuns").GetInt32());
        Assert.Equal(["cites_expected_source", "concise", "fact_recall", "retrieval_hit"], genai.GetProperty("scorers").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(evaluationDatasets, genai.GetProperty("evaluationDatasets").GetInt32());
        Assert.Equal(evaluationDatasets > 0 ? "pass" : "not-applicable", Finding(report, "MLA-0207").GetProperty("outcome").GetString());
    }

    [Fact]
    public void A_GenAI_only_project_with_CI_gets_a_GenAI_section_and_is_held_back_only_by_training_rules()
    {
        using var fixture = Fixture.Unpack("genai-file-3x");
        // No classic training: drop the retriever-tuning experiment; add CI that runs the tests on pull requests.
        var retriever = Directory.GetDirectories(Path.Combine(fixture.Path, "mlruns"))
            .Single(d => File.Exists(Path.Combine(d, "meta.yaml")) && File.ReadAllText(Path.Combine(d, "meta.yaml")).Contains("name: support-bot-retriever", StringComparison.Ordinal));
        Directory.Delete(retriever, recursive: true);
        Directory.CreateDirectory(Path.Combine(fixture.Path, ".github", "workflows"));
        File.WriteAllText(Path.Combine(fixture.Path, ".github", "workflows", "ci.yml"),
            "name: ci\non:\n  pull_request:\n  push:\n    branches: [main]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: pip install -r requirements.txt\n      - run: pytest tests\n");
        GitCli.Run(fixture.Path, "add", ".github");
        GitCli.Run(fixture.Path, "-c", "user.name=alice", "-c", "user.email=alice@example.com", "commit", "-q", "-m", "CI runs the tests");
        using var output = new TempFolder();

        var run = CliRun.Invoke(fixture.Path, null, "audit", fixture.Path, "--format", "json,html,markdown", "--output-dir", output.Path);

        Assert.True(run.ExitCode == 0, run.Error);
        var report = JsonDocument.Parse(File.ReadAllText(output.Combine("report.json"))).RootElement;
        Assert.Equal(4, report.GetProperty("inventory").GetProperty("runs").GetProperty("total").GetInt32()); // 2 evaluations, 2 packagings
        foreach (var id in new[] { "MLA-0201", "MLA-0202", "MLA-0203", "MLA-0204", "MLA-0205" })
        {
            Assert.Equal("pass", Finding(report, id).GetProperty("outcome").GetString());
        }

        // Its GenAI practice passes every GenAI requirement; what holds it at level 1 is the training ladder alone.
        Assert.Equal(1, report.GetProperty("maturity").GetProperty("level").GetInt32());
        var blocking = report.GetProperty("maturity").GetProperty("levels").EnumerateArray()
            .SelectMany(l => l.GetProperty("blocking").EnumerateArray().Select(b => b.GetString()!)).ToList();
        Assert.NotEmpty(blocking);
        Assert.DoesNotContain(blocking, id => id.StartsWith("MLA-02", StringComparison.Ordinal));
        Assert.Contains("<section id=\"genai\">", File.ReadAllText(output.Combine("report.html")), StringComparison.Ordinal);
        Assert.Contains("| Traces | 47 (4 with an error, 258 spans", File.ReadAllText(output.Combine("report.md")), StringComparison.Ordinal);
    }

    private static JsonElement Finding(JsonElement report, string id) =>
        report.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("ruleId").GetString() == id);
}
