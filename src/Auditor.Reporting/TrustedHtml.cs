namespace Auditor.Reporting;

/// <summary>Markup that mlaudit itself produced (CSS, charts); the only text the HTML renderer does not escape.</summary>
public sealed record TrustedHtml(string Html)
{
    public override string ToString() => Html;
}
