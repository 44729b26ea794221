using Auditor.Core.Reporting;
using Auditor.Reporting;

namespace Auditor.Cli;

/// <summary>Writes every requested format: console to standard output, files to the output folder.</summary>
internal static class ReportWriter
{
    /// <summary>Files a SARIF result without a file of its own points at, first present wins (project folder).</summary>
    private static readonly string[] AnchorCandidates = ["README.md", "README.rst", "README.txt", "README", "MLproject", "pyproject.toml", "requirements.txt"];

    /// <summary>Every format is written from the report redacted once more, so nothing added after the pipeline escapes redaction.</summary>
    public static void WriteAll(AuditReport report, AuditSettings settings, CliEnvironment environment)
    {
        report = ReportRedaction.Apply(report, environment.RedactorFor(settings.TrackingUri, settings.Config.TrackingUri));
        foreach (var format in settings.Formats)
        {
            switch (format)
            {
                case ReportFormat.Console:
                    var color = ConsoleReportOptions.ColorWanted(environment.Variables, environment.OutputIsTerminal);
                    ConsoleReportWriter.Write(report, color ? environment.StyledOut ?? environment.Out : environment.Out, new ConsoleReportOptions { Color = color, Verbose = settings.Verbose });
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
        var anchor = AnchorCandidates.FirstOrDefault(name => File.Exists(Path.Combine(settings.ProjectPath, name)))
            ?? Directory.EnumerateFiles(settings.ProjectPath).Select(Path.GetFileName).Where(n => n is not null && !n.StartsWith('.')).Order(StringComparer.Ordinal).FirstOrDefault()
            ?? "README.md";
        return new SarifOptions { RepositoryUri = github ?? environment.Variables("CI_PROJECT_URL"), AnchorFile = anchor };
    }

    private static void WriteFile(AuditSettings settings, string name, string content, CliEnvironment environment)
    {
        Directory.CreateDirectory(settings.OutputDirectory);
        var path = Path.Combine(settings.OutputDirectory, name);
        File.WriteAllText(path, content);
        environment.Error.WriteLine($"wrote {path}");
    }
}
