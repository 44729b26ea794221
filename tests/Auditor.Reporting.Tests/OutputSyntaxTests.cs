using System.Text.Json;
using System.Xml.Linq;
using Auditor.Core.Assessment;
using Auditor.Core.Facts;
using Auditor.Core.Reporting;

namespace Auditor.Reporting.Tests;

/// <summary>Each writer is safe for its own syntax whatever the report holds; redaction reaches every text of the model.</summary>
public sealed class OutputSyntaxTests
{
    /// <summary>What XML 1.0 forbids (U+FFFF, U+FFFE, a lone surrogate, a control character) and what fools a reader (a bidi override).</summary>
    private const string Forbidden = "a\uFFFF b\uFFFE c\uD800 d\u0001 e\u202E f";

    [Fact]
    public void Junit_with_U_FFFF_U_FFFE_and_lone_surrogates_in_a_waiver_owner_parses()
    {
        var report = WithOwner(Forbidden);

        var junit = JUnitReportWriter.Serialize(report);

        var skipped = XDocument.Parse(junit).Descendants("skipped").Select(s => s.Attribute("message")!.Value).ToList();
        Assert.Contains(skipped, m => m.Contains("a\\uffff b\\ufffe c\\ud800 d\\u0001 e\\u202e f", StringComparison.Ordinal));
    }

    [Fact]
    public void Junit_escapes_forbidden_characters_in_every_attribute_and_text()
    {
        var report = RichReport.Create() with { Subject = RichReport.Create().Subject with { Path = "/p" + Forbidden } };
        report = report with { Findings = [.. report.Findings.Select(f => f with { Message = f.Message + Forbidden, Title = f.Title + Forbidden, Category = f.Category + "\uFFFF" })] };

        var junit = JUnitReportWriter.Serialize(report);

        XDocument.Parse(junit);
        Assert.DoesNotContain('\uFFFF', junit);
        Assert.DoesNotContain('\u202E', junit);
    }

    [Fact]
    public void Json_and_sarif_keep_lone_surrogates_and_bidi_characters_escaped()
    {
        var report = RichReport.Create();
        report = report with { Findings = [.. report.Findings.Select(f => f with { Message = f.Message + Forbidden, Title = f.Title + Forbidden })] };

        foreach (var text in new[] { JsonReportWriter.Serialize(report), SarifReportWriter.Serialize(report) })
        {
            using var document = JsonDocument.Parse(text);
            Assert.DoesNotContain('\u202E', text);
            Assert.DoesNotContain('\u0001', text);
        }
    }

    [Theory]
    [InlineData("@octocat", "@&#8203;octocat")]
    [InlineData("see #123 and org/repo#4", "see #&#8203;123 and org/repo#&#8203;4")]
    [InlineData("[click](https://evil.example) ![x](y)", "\\[click\\]\\(https\\://evil\\.example\\) \\!\\[x\\]\\(y\\)")]
    [InlineData("<b>x</b> & `y` | z", "&lt;b&gt;x&lt;/b&gt; &amp; \\`y\\` \\| z")]
    [InlineData("abc\u202Efed\u2066\u200E\u061C", "abc\\\\u202efed\\\\u2066\\\\u200e\\\\u061c")]
    [InlineData("line\nbreak\ttab", "line break tab")]
    public void Markdown_escapes_mentions_references_links_html_and_hidden_characters(string value, string expected) =>
        Assert.Equal(expected, MarkdownText.Escape(value));

    [Fact]
    public void Markdown_code_spans_show_hidden_characters()
    {
        Assert.Equal("`main\\u202e|x`".Replace("|", "\\|", StringComparison.Ordinal), MarkdownText.Code("main\u202E|x"));
        Assert.Equal("`@octocat/fix#42`", MarkdownText.Code("@octocat/fix#42"));
    }

    [Theory]
    [InlineData("\u001b]0;title\u0007", "\\u001b]0;title\\u0007")]
    [InlineData("rtl\u202Eevil\u202C", "rtl\\u202eevil\\u202c")]
    [InlineData("zero\u200Bwidth\uFEFF", "zero\\u200bwidth\\ufeff")]
    [InlineData("tag\U000E0041\U000E0042", "tag\\U000e0041\\U000e0042")]
    [InlineData("emoji 😀 and ä stay", "emoji 😀 and ä stay")]
    public void Terminal_text_shows_control_bidi_and_invisible_characters(string value, string expected) =>
        Assert.Equal(expected, TerminalText.Clean(value));

    [Fact]
    public void Terminal_text_shows_lone_surrogates()
    {
        var lone = "lone " + (char)0xD800 + " x" + (char)0xDC00;

        Assert.Equal("lone \\ud800 x\\udc00", TerminalText.Clean(lone));
    }

    [Fact]
    public void Html_writes_dates_in_the_iso_form_and_shows_bidi_characters()
    {
        var report = WithOwner("mallory\u202Eevil") with { History = RichReport.Create().History };
        report = report with { Trace = [report.Trace[0] with { RunName = "run\u202Egnp.exe" }] };

        var html = new HtmlReportWriter().Render(report);

        Assert.Contains("until 9999-12-31", html, StringComparison.Ordinal);
        Assert.Contains("on 2026-11-01, valid until 2027-05-01", html, StringComparison.Ordinal);
        Assert.Contains("<td>2026-09-01 00:00:00 UTC</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/9999", html, StringComparison.Ordinal);
        Assert.DoesNotContain('\u202E', html);
        Assert.Contains("run\\u202egnp.exe", html, StringComparison.Ordinal);
        Assert.Contains("mallory\\u202eevil", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Redaction_without_secrets_keeps_the_report_exactly()
    {
        var report = RichReport.Create();

        var redacted = ReportRedaction.Apply(report, SecretRedactor.None);

        Assert.Equal(JsonReportWriter.Serialize(report), JsonReportWriter.Serialize(redacted));
    }

    [Fact]
    public void Redaction_reaches_every_text_of_the_report_and_dictionary_keys()
    {
        const string secret = "Planted-Secret-71";
        var rich = RichReport.Create();
        var report = rich with
        {
            Subject = rich.Subject with { Path = "/p/" + secret },
            Problems = [$"server said {secret}"],
            Findings = [.. rich.Findings.Select(f => f with { Message = f.Message + secret, Evidence = [.. f.Evidence.Select(e => e with { Detail = secret })] })],
            Trace = [.. rich.Trace.Select(t => t with { Gaps = [.. t.Gaps, "entry point https://u:" + secret + "@h/x.py"], RunName = secret, EntryPoint = secret })],
            Inventory = rich.Inventory with { Runs = rich.Inventory.Runs with { ByStatus = new Dictionary<string, int> { [secret] = 1 } } },
            History = [new HistoryPoint(rich.GeneratedAt, 1, new Dictionary<string, int?> { [secret] = 3 })],
        };

        var redacted = ReportRedaction.Apply(report, new SecretRedactor([secret]));

        var json = JsonReportWriter.Serialize(redacted);
        Assert.DoesNotContain(secret, json, StringComparison.Ordinal);
        Assert.Contains("server said ***", redacted.Problems);
        Assert.Equal(1, redacted.Inventory.Runs.ByStatus["***"]);
        Assert.Equal(report.Findings.Count, redacted.Findings.Count);
    }

    [Fact]
    public void Redaction_masks_secret_shaped_values_and_replaces_lone_surrogates()
    {
        var key = "AK" + "IA" + "REDACTIONTEST001";
        var rich = RichReport.Create();
        var report = rich with { Trace = [rich.Trace[0] with { RunName = key, Gaps = ["x\uD800y"] }] };

        var redacted = ReportRedaction.Apply(report, SecretRedactor.None);

        Assert.Equal("AKIA… (20 chars)", redacted.Trace[0].RunName);
        Assert.Equal("x\uFFFDy", redacted.Trace[0].Gaps[0]);
    }

    private static AuditReport WithOwner(string owner)
    {
        var rich = RichReport.Create();
        return rich with
        {
            Findings = [.. rich.Findings.Select(f => f.Waiver is null ? f : f with { Waiver = f.Waiver with { Owner = owner, Expires = new DateOnly(9999, 12, 31) } })],
        };
    }
}
