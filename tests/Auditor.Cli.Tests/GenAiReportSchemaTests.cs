using System.Text.Json;
using Auditor.Testing;

namespace Auditor.Cli.Tests;

/// <summary>
/// A whole GenAI audit through the CLI: report.json validates against docs/report.schema.json (inventory.genai,
/// trace[].application, applications[]), and the Markdown and HTML reports carry the GenAI section with the same counts.
/// </summary>
public sealed class GenAiReportSchemaTests
{
    private static readonly string ReportSchema = Path.Combine(TestPaths.RepositoryRoot, "docs", "report.schema.json");

    [Theory]
    [InlineData("genai-file-3x", 0)]
    [InlineData("genai-sqlite-3x", 2)]
    public void A_GenAI_audit_writes_a_report_json_valid_against_the_schema_and_GenAI_sections_in_markdown_and_html(string name, int datasets)
    {
        using var fixture = Fixture.Unpack(name);
        using var output = new TempFolder();

        var run = CliRun.Invoke(fixture.Path, null, "audit", fixture.Path, "--format", "json,html,markdown", "--output-dir", output.Path);

        Assert.True(run.ExitCode == 0, run.Error);
        var json = File.ReadAllText(output.Combine("report.json"));
        SchemaValidator.AssertValid(ReportSchema, json);
        var report = JsonDocument.Parse(json).RootElement;
        var genai = report.GetProperty("inventory").GetProperty("genai");
        Assert.Equal(47, genai.GetProperty("traces").GetInt32());
        Assert.Equal(datasets, genai.GetProperty("evaluationDatasets").GetInt32());
        // Both registered versions carry an application; the four unregistered app versions are in applications[].
        Assert.Equal(2, report.GetProperty("trace").EnumerateArray().Count(t => t.GetProperty("application").ValueKind == JsonValueKind.Object));
        var applications = report.GetProperty("applications").EnumerateArray().ToList();
        Assert.Equal(4, applications.Count);
        Assert.All(applications, a => Assert.StartsWith("support-bot-", a.GetProperty("name").GetString(), StringComparison.Ordinal));
        Assert.Equal(47 - 0, applications.Sum(a => a.GetProperty("application").GetProperty("traces").GetInt32()));
        // The schema is strict: an unknown field in an application is refused.
        Assert.NotEmpty(SchemaValidator.Errors(ReportSchema, json.Replace("\"sourceRunId\": null", "\"sourceRunId\": null, \"surprise\": 1", StringComparison.Ordinal)));

        var markdown = File.ReadAllText(output.Combine("report.md"));
        Assert.Contains("### GenAI", markdown, StringComparison.Ordinal);
        Assert.Contains("| Traces | 47 (4 with an error, 258 spans", markdown, StringComparison.Ordinal);
        Assert.Contains("| Prompts | 4 (10 versions, 1 never loaded) |", markdown, StringComparison.Ordinal);
        Assert.Contains($"| Evaluation datasets | {datasets} |", markdown, StringComparison.Ordinal);
        var html = File.ReadAllText(output.Combine("report.html"));
        Assert.Contains("<section id=\"genai\">", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#genai\">GenAI</a>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th>Evaluation datasets</th><td>" + datasets + "</td></tr>", html, StringComparison.Ordinal);
    }
}
