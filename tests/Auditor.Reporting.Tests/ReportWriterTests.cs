using System.Text.Json;
using System.Xml.Linq;
using Auditor.Core.Assessment;
using Auditor.Core.Reporting;
using Auditor.Core.Tracking;

namespace Auditor.Reporting.Tests;

public sealed class ReportWriterTests
{
    [Fact]
    public void Html_escapes_every_value_from_the_audited_project()
    {
        var html = new HtmlReportWriter().Render(SampleReport.Create());

        Assert.DoesNotContain(SampleReport.Payload, html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.DoesNotContain("<script", html);
    }

    [Fact]
    public void Html_is_self_contained()
    {
        var html = new HtmlReportWriter().Render(SampleReport.Create());

        Assert.Contains("<style>", html);
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        Assert.Contains("not-applicable", html);
    }

    [Fact]
    public void Templates_folder_overrides_the_built_in_template()
    {
        var folder = Directory.CreateTempSubdirectory();
        File.WriteAllText(Path.Combine(folder.FullName, "report.html"), "level={{ report.maturity.level }} path={{ report.subject.path }}");

        var html = new HtmlReportWriter(folder.FullName).Render(SampleReport.Create());

        Assert.Equal("level=1 path=/work/&lt;script&gt;alert(1)&lt;/script&gt;", html);
        folder.Delete(recursive: true);
    }

    [Fact]
    public void Json_uses_the_contract_names()
    {
        var json = JsonDocument.Parse(JsonReportWriter.Serialize(SampleReport.Create())).RootElement;

        Assert.Equal("2", json.GetProperty("schemaVersion").GetString());
        Assert.Equal("file", json.GetProperty("subject").GetProperty("tracking").GetProperty("kind").GetString());
        Assert.Equal("not-met", json.GetProperty("maturity").GetProperty("levels")[2].GetProperty("status").GetString());
        Assert.Equal("not-applicable", json.GetProperty("findings")[0].GetProperty("outcome").GetString());
        Assert.DoesNotContain("<script>", JsonReportWriter.Serialize(SampleReport.Create()));
    }

    [Fact]
    public void Console_shows_control_characters_instead_of_obeying_them()
    {
        var sample = SampleReport.Create();
        var report = sample with { Subject = sample.Subject with { Tracking = new TrackingSummary("./ml\u001b[31mred\nnext", TrackingStoreKind.File) } };
        var output = new StringWriter();

        ConsoleReportWriter.Write(report, output);

        Assert.DoesNotContain("\u001b", output.ToString());
        Assert.Contains("./ml\\u001b[31mred\\nnext", output.ToString());
    }

    [Fact]
    public void Every_format_names_the_tracking_store_how_it_was_chosen_and_the_other_stores()
    {
        var report = RichReport.Create();
        var console = new StringWriter();
        ConsoleReportWriter.Write(report, console);
        var html = new HtmlReportWriter().Render(report);
        var markdown = MarkdownReportWriter.Serialize(report);
        var json = JsonDocument.Parse(JsonReportWriter.Serialize(report)).RootElement.GetProperty("subject").GetProperty("tracking");

        Assert.Contains("Tracking store: sqlite:///week2/mlflow.db (found in the project) - sqlite store, read", console.ToString(), StringComparison.Ordinal);
        Assert.Contains("also found: ./old ", console.ToString(), StringComparison.Ordinal);
        Assert.Contains("<code data-testid=\"tracking-uri\">sqlite:///week2/mlflow.db</code> (sqlite, found in the project, read)", html, StringComparison.Ordinal);
        Assert.Contains("not audited: <code>--tracking-uri ./old &lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Tracking store: `sqlite:///week2/mlflow.db` (found in the project, read); also found", markdown, StringComparison.Ordinal);
        Assert.Equal(("discovered", "read", 8), (json.GetProperty("source").GetString(), json.GetProperty("state").GetString(), json.GetProperty("otherStores")[0].GetProperty("runs").GetInt32()));
    }

    [Fact]
    public void Policy_decisions_from_the_project_are_escaped_in_every_format()
    {
        const string hostile = "<script>alert(1)</script>\u001b[31m|`*x*`|\n# heading";
        var report = SampleReport.Create() with
        {
            Policy = new PolicySummary
            {
                Source = "--policy",
                File = "/ci/policy.yml",
                Allowed = [new PolicyDecision(PolicyDecisionKind.Waiver, "MLA-0016", "waived until 2027-01-31 by " + hostile)],
                Refused = [new PolicyDecision(PolicyDecisionKind.TrackingUri, "https://" + hostile, "trackingUri refused")],
            },
        };
        var console = new StringWriter();
        ConsoleReportWriter.Write(report, console);
        var html = new HtmlReportWriter().Render(report);
        var markdown = MarkdownReportWriter.Serialize(report);
        var junit = XDocument.Parse(JUnitReportWriter.Serialize(report));
        var sarif = JsonDocument.Parse(SarifReportWriter.Serialize(report)).RootElement.GetProperty("runs")[0].GetProperty("properties").GetProperty("policy");

        Assert.DoesNotContain("\u001b", console.ToString());
        Assert.Contains("allowed  waiver", console.ToString());
        Assert.DoesNotContain("<script", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.DoesNotContain("<script", markdown);
        Assert.DoesNotContain("\n# heading", markdown);
        Assert.Contains("| refused | tracking-uri |", markdown);
        Assert.Equal(["policy.source", "policy.file", "policy.allowed", "policy.refused"], junit.Descendants("testsuite").First().Element("properties")!.Elements("property").Select(p => p.Attribute("name")!.Value));
        Assert.Equal("waived until 2027-01-31 by " + hostile, sarif.GetProperty("allowed")[0].GetProperty("detail").GetString());
    }
}
