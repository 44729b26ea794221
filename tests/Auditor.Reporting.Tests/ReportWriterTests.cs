using System.Text.Json;

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
        var report = SampleReport.Create() with { Problems = ["tag value\u001b[31mred\nnext"] };
        var output = new StringWriter();

        ConsoleReportWriter.Write(report, output);

        Assert.DoesNotContain("\u001b", output.ToString());
        Assert.Contains("\\u001b[31mred\\nnext", output.ToString());
    }
}
