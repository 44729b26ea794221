using Auditor.Core.Reporting;
using Auditor.Reporting;

namespace Auditor.Cli;

/// <summary>Writes every requested format: console to standard output, files to the output folder.</summary>
internal static class ReportWriter
{
    /// <summary>Every format is written from the report redacted once more, so nothing added after the pipeline escapes redaction.</summary>
    public static void WriteAll(AuditReport report, AuditSettings settings, CliEnvironment environment)
    {
        report = ReportRedaction.Apply(report, environment.RedactorFor(settings.TrackingUri, settings.Config.TrackingUri));
        foreach (var format in settings.Formats)
        {
            switch (format)
            {
                case ReportFormat.Console:
                    ConsoleReportWriter.Write(report, environment.Out);
                    break;
                case ReportFormat.Json:
                    WriteFile(settings, "report.json", JsonReportWriter.Serialize(report), environment);
                    break;
                case ReportFormat.Html:
                    WriteFile(settings, "report.html", new HtmlReportWriter(settings.TemplatesDirectory).Render(report), environment);
                    break;
                case ReportFormat.Sarif:
                    WriteFile(settings, "report.sarif", SarifReportWriter.Serialize(report, SarifOptions(settings, environment)), environment);
                    break;
                case ReportFormat.Junit:
                    WriteFile(settings, "report.junit.xml", JUnitReportWriter.Serialize(report), environment);
                    break;
                case ReportFormat.Markdown:
                    WriteFile(settings, "report.md", MarkdownReportWriter.Serialize(report), environment);
                    break;
            }
        }
    }

    private static SarifOptions SarifOptions(AuditSettings settings, CliEnvironment environment)
    {
        var github = environment.Variables("GITHUB_SERVER_URL") is { Length: > 0 } server && environment.Variables("GITHUB_REPOSITORY") is { Length: > 0 } repository
            ? $"{server.TrimEnd('/')}/{repository}"
            : null;
        return SarifAnchors.For(settings.ProjectPath, github ?? environment.Variables("CI_PROJECT_URL"));
    }

    private static void WriteFile(AuditSettings settings, string name, string content, CliEnvironment environment)
    {
        Directory.CreateDirectory(settings.OutputDirectory);
        var path = Path.Combine(settings.OutputDirectory, name);
        File.WriteAllText(path, content);
        environment.Error.WriteLine($"wrote {path}");
    }
}
