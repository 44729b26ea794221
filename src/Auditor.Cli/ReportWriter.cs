using Auditor.Core.Reporting;
using Auditor.Reporting;

namespace Auditor.Cli;

/// <summary>Writes every requested format: console to standard output, files to the output folder.</summary>
internal static class ReportWriter
{
    public static void WriteAll(AuditReport report, AuditSettings settings, CliEnvironment environment)
    {
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
            }
        }
    }

    private static void WriteFile(AuditSettings settings, string name, string content, CliEnvironment environment)
    {
        Directory.CreateDirectory(settings.OutputDirectory);
        var path = Path.Combine(settings.OutputDirectory, name);
        File.WriteAllText(path, content);
        environment.Error.WriteLine($"wrote {path}");
    }
}
