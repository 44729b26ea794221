using System.Text.RegularExpressions;
using Auditor.Core.Scoring;

namespace Auditor.Reporting.Tests;

/// <summary>The HTML report's structure for triage: failing first, passes collapsed, filter, labels, honest scores, no dead links.</summary>
public sealed partial class HtmlReportTests
{
    [Fact]
    public void Findings_of_a_level_are_failing_first_and_passes_sit_in_the_collapsed_block()
    {
        var html = new HtmlReportWriter().Render(RichReport.Create());

        var level2 = html[html.IndexOf("<div class=\"level-group\" data-level=\"2\">", StringComparison.Ordinal)..];
        level2 = level2[..level2.IndexOf("<div class=\"level-group\"", 10, StringComparison.Ordinal)];
        var order = FilterOf().Matches(level2).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["failing", "failing", "pass", "pass", "not-applicable"], order);
        var passes = level2.IndexOf("<div class=\"passes\"", StringComparison.Ordinal);
        Assert.True(passes > level2.LastIndexOf("data-filter=\"failing\"", StringComparison.Ordinal), "passes after the failing findings");
        Assert.Contains("<input type=\"checkbox\" id=\"passes-2\" class=\"toggle\">", level2, StringComparison.Ordinal);
        Assert.Contains("<input type=\"radio\" name=\"outcome-filter\" id=\"show-failing\" class=\"filter\">", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"show-failing\">failing (3)</label>", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"show-waived\">waived (1)</label>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("default-src 'none'", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Critical_failures_come_before_medium_ones_in_a_level()
    {
        var html = new HtmlReportWriter().Render(RichReport.Create());

        Assert.True(html.IndexOf("id=\"MLA-0003\"", StringComparison.Ordinal) < html.IndexOf("id=\"MLA-0005\"", StringComparison.Ordinal), "high before medium");
    }

    [Fact]
    public void Categories_use_their_labels_and_a_thin_one_shows_not_enough_evidence()
    {
        var report = RichReport.Create() with
        {
            Categories = [new CategoryScore("ci-cd", 100, 1, 0, 4, 0), new CategoryScore("model-management", 50, 1, 1, 0, 0)],
        };

        var html = new HtmlReportWriter().Render(report);

        Assert.Contains("<td>CI/CD</td><td>not enough evidence</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>Model management</td><td>50%</td>", html, StringComparison.Ordinal);
        Assert.Contains(">CI/CD</text>", html, StringComparison.Ordinal);
        Assert.Contains(">not enough evidence</text>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">ci-cd<", html, StringComparison.Ordinal);
        Assert.DoesNotContain("width=\"400\" height=\"16\" class=\"bar", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Trend_is_linked_only_when_the_report_has_history()
    {
        var with = new HtmlReportWriter().Render(RichReport.Create());
        var without = new HtmlReportWriter().Render(RichReport.Create() with { History = [] });

        Assert.Contains("<a href=\"#history\">Trend</a>", with, StringComparison.Ordinal);
        Assert.DoesNotContain("#history", without, StringComparison.Ordinal);
        foreach (var html in new[] { with, without })
        {
            var ids = IdOf().Matches(html).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
            Assert.All(LinkOf().Matches(html).Select(m => m.Groups[1].Value), target => Assert.Contains(System.Net.WebUtility.HtmlDecode(target), ids));
        }
    }

    [GeneratedRegex("data-filter=\"([a-z-]+)\"")]
    private static partial Regex FilterOf();

    [GeneratedRegex(" id=\"([^\"]+)\"")]
    private static partial Regex IdOf();

    [GeneratedRegex("href=\"#([^\"]+)\"")]
    private static partial Regex LinkOf();
}
