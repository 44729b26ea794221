namespace Auditor.Reporting;

/// <summary>The formats <c>--format</c> accepts.</summary>
public enum ReportFormat
{
    Console,
    Json,
    Html,
    Sarif,
    Junit,
    Markdown,
}
