using Scriban;
using Scriban.Runtime;

namespace Auditor.Reporting.Portfolio;

/// <summary>
/// The portfolio as one self-contained HTML file (<c>templates/portfolio.html</c> and <c>portfolio.css</c>): no script,
/// the same strict Content-Security-Policy as the project report, every value escaped by <see cref="HtmlTemplateContext"/>.
/// </summary>
public static class PortfolioHtmlWriter
{
    public static string Render(PortfolioReport portfolio)
    {
        var template = Template.Parse(HtmlReportWriter.BuiltInTemplate("portfolio.html"), "portfolio.html");
        if (template.HasErrors)
        {
            throw new InvalidDataException($"portfolio.html: {string.Join("; ", template.Messages)}");
        }

        var total = Math.Max(1, portfolio.Projects.Count);
        var globals = new ScriptObject
        {
            ["portfolio"] = portfolio,
            ["css"] = new TrustedHtml(HtmlReportWriter.BuiltInTemplate("portfolio.css")),
            ["median"] = PortfolioText.MedianLevel(portfolio),
        };
        globals["share"] = new TemplateFunction<int, string>(n => Math.Round(100.0 * n / total, 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        globals["store"] = new TemplateFunction<PortfolioEntry, string>(PortfolioText.Store);
        globals["date"] = new TemplateFunction<PortfolioEntry, string>(p => p.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        globals["commit"] = new TemplateFunction<PortfolioEntry, string>(PortfolioText.Commit);

        var context = new HtmlTemplateContext { LoopLimit = 0 };
        context.PushCulture(System.Globalization.CultureInfo.InvariantCulture);
        context.PushGlobal(globals);
        return template.Render(context);
    }
}
