using Auditor.Core.Rules;
using Auditor.Core.Scoring;

namespace Auditor.Reporting.Tests;

/// <summary>The Markdown summary: gate line, failing first by severity, rule links, remediation and passes collapsed, capped lists, evidence-aware category scores.</summary>
public sealed class MarkdownReportTests
{
    private const string Catalogue = "https://github.com/mlaudit/mlaudit/blob/v1.0.0/docs/rules.md";

    [Fact]
    public void Summary_line_names_the_level_and_the_gate_decision()
    {
        var report = RichReport.Create();

        var none = MarkdownReportWriter.Serialize(report);
        var passed = MarkdownReportWriter.Serialize(report, new MarkdownOptions { Gate = new GateOutcome(true, []) });
        var failed = MarkdownReportWriter.Serialize(report, new MarkdownOptions { Gate = new GateOutcome(false, ["maturity level 1 is below --min-level 2"]) });

        Assert.Equal("**Level 1** · no gate set · **3 failing**, 1 unknown, 4 passed, 1 not applicable of 10 rules", Line(none, 2));
        Assert.StartsWith("**Level 1** · gate **passed** · ", Line(passed, 2));
        Assert.StartsWith("**Level 1** · gate **failed** (maturity level 1 is below \\-\\-min\\-level 2) · ", Line(failed, 2));
    }

    [Fact]
    public void Rule_ids_link_to_their_catalogue_section_when_the_catalogue_is_known()
    {
        var md = MarkdownReportWriter.Serialize(RichReport.Create(), new MarkdownOptions { RulesDocumentUri = Catalogue });

        Assert.Contains($"| high | 2 | [`MLA-0003`]({Catalogue}#mla-0003) Rule MLA\\-0003 holds |", md, StringComparison.Ordinal);
        Assert.Contains($"**[`MLA-0007`]({Catalogue}#mla-0007) Rule MLA\\-0007 holds**", md, StringComparison.Ordinal);
        Assert.DoesNotContain("](#", MarkdownReportWriter.Serialize(RichReport.Create()), StringComparison.Ordinal);
    }

    [Fact]
    public void Failing_findings_come_first_most_severe_first_and_passes_are_collapsed()
    {
        var md = MarkdownReportWriter.Serialize(RichReport.Create());

        var blocking = md.IndexOf("### What blocks level 2 (Automated training): 1 rule(s)", StringComparison.Ordinal);
        var others = md.IndexOf("### Other failing findings (2)", StringComparison.Ordinal);
        var fix = md.IndexOf("<details><summary>How to fix: 3 rule(s)</summary>", StringComparison.Ordinal);
        var passes = md.IndexOf("<details><summary>Passed: 4 rule(s); not applicable: 1</summary>", StringComparison.Ordinal);
        Assert.True(blocking > 0 && others > blocking && fix > others && passes > fix, md);
        Assert.True(md.IndexOf("`MLA-0007`", others, StringComparison.Ordinal) < md.IndexOf("`MLA-0005`", others, StringComparison.Ordinal), "critical before medium");
        Assert.True(md.IndexOf("</details>", passes, StringComparison.Ordinal) > md.IndexOf("`MLA-0001`", passes, StringComparison.Ordinal), "passes inside details");
        Assert.DoesNotContain("/work/churn", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Remediation_keeps_code_and_bold_and_stays_inert()
    {
        var md = MarkdownReportWriter.Serialize(RichReport.Create());

        Assert.Contains("Run `mlflow run` from a **clean** checkout\\.\n\nEffort: low\\. &lt;script&gt;", md, StringComparison.Ordinal);
        Assert.Equal("a \\*\\*b \\[x\\]\\(y\\)\\*\\* `c` &lt;d&gt;", MarkdownText.Prose("a **b [x](y)** `c` <d>"));
    }

    [Fact]
    public void Category_with_fewer_than_half_its_rules_evaluated_shows_not_enough_evidence()
    {
        var report = RichReport.Create() with
        {
            Categories =
            [
                new CategoryScore("security", 100, 1, 0, 4, 0),
                new CategoryScore("ci-cd", 50, 1, 1, 2, 0),
                new CategoryScore("monitoring", null, 0, 0, 0, 3),
            ],
        };

        var md = MarkdownReportWriter.Serialize(report);

        Assert.Contains("| Security | not enough evidence | 1 | 0 | 4 | 0 |", md, StringComparison.Ordinal);
        Assert.Contains("| CI/CD | 50% | 1 | 1 | 2 | 0 |", md, StringComparison.Ordinal);
        Assert.Contains("| Monitoring | - | 0 | 0 | 0 | 3 |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_lists_and_values_are_capped_with_their_totals()
    {
        var template = RichReport.Create().Findings.Single(f => f.RuleId == "MLA-0005");
        var findings = Enumerable.Range(0, 500).Select(i => template with { RuleId = $"MLA-{i:D4}", Message = new string('x', 100_000), Remediation = new string('y', 100_000) }).ToList();
        var report = RichReport.Create() with { Findings = findings };

        var md = MarkdownReportWriter.Serialize(report, new MarkdownOptions { RowCap = 50 });

        Assert.Contains("### Other failing findings (499)", md, StringComparison.Ordinal);
        Assert.Contains("and 449 more failing findings in the full report.", md, StringComparison.Ordinal);
        Assert.Contains("and 450 more in the full report.", md, StringComparison.Ordinal);
        Assert.True(md.Length < 1024 * 1024, $"{md.Length:N0} characters");
    }

    private static string Line(string md, int index) => md.Split('\n')[index];
}
