using Auditor.Cli.Gate;
using Auditor.Core;
using Auditor.Core.Reporting;
using Auditor.Reporting;

namespace Auditor.Cli;

/// <summary>
/// Writes every requested format: the console summary to <see cref="CliEnvironment.Out"/>, files to the output folder,
/// and the one format <c>-o</c> names to its file or, with <c>-o -</c>, to <paramref name="standardOutput"/>.
/// A report that cannot be written is an input error naming the path (exit 2).
/// </summary>
internal static class ReportWriter
{
    /// <summary>Every format is written from the report redacted once more, so nothing added after the pipeline escapes redaction.</summary>
    public static void WriteAll(AuditReport report, AuditSettings settings, CliEnvironment environment, TextWriter standardOutput)
    {
        report = ReportRedaction.Apply(report, environment.RedactorFor(settings.TrackingUri, settings.Config.TrackingUri));
        ReportFormat? single = settings.OutputFile is null ? null : OutputFile.FormatOf(settings.Formats);
        foreach (var format in settings.Formats)
        {
            if (format == single)
            {
                WriteSingle(settings.OutputFile!, Render(format, report, settings, environment), standardOutput, environment);
            }
            else if (format == ReportFormat.Console)
            {
                // Colour goes to the raw standard output only while the summary is written there (not with -o -).
                var color = settings.OutputFile != OutputFile.StandardOutput && ConsoleReportOptions.ColorWanted(environment.Variables, environment.OutputIsTerminal);
                ConsoleReportWriter.Write(report, color ? environment.StyledOut ?? environment.Out : environment.Out, new ConsoleReportOptions { Color = color, Verbose = settings.Verbose });
            }
            else
            {
                WriteFile(Path.Combine(settings.OutputDirectory, FileName(format)), "--output-dir", Render(format, report, settings, environment), environment);
            }
        }
    }

    private static string Render(ReportFormat format, AuditReport report, AuditSettings settings, CliEnvironment environment)
    {
        switch (format)
        {
            case ReportFormat.Json: return JsonReportWriter.Serialize(report);
            case ReportFormat.Html: return new HtmlReportWriter(settings.TemplatesDirectory).Render(report);
            case ReportFormat.Sarif: return SarifReportWriter.Serialize(report, SarifOptions(settings, environment));
            case ReportFormat.Junit: return JUnitReportWriter.Serialize(report);
            case ReportFormat.Markdown: return MarkdownReportWriter.Serialize(report, MarkdownOptions(report, settings));
            default:
                var console = new StringWriter();
                ConsoleReportWriter.Write(report, console, new ConsoleReportOptions { Verbose = settings.Verbose });
                return console.ToString();
        }
    }

    private static string FileName(ReportFormat format) => format switch
    {
        ReportFormat.Json => "report.json",
        ReportFormat.Html => "report.html",
        ReportFormat.Sarif => "report.sarif",
        ReportFormat.Junit => "report.junit.xml",
        ReportFormat.Markdown => "report.md",
        _ => "report.txt",
    };

    /// <summary>The rule catalogue's address and the gate's decision (pure, evaluated again after the reports are written).</summary>
    private static MarkdownOptions MarkdownOptions(AuditReport report, AuditSettings settings) => new()
    {
        RulesDocumentUri = ToolVersion.RulesDocument,
        Gate = settings.Gate == GateSettings.None ? null : GateEvaluator.Evaluate(report, settings.Gate) is var gate ? new GateOutcome(gate.Passed, gate.Reasons) : null,
    };

    private static SarifOptions SarifOptions(AuditSettings settings, CliEnvironment environment)
    {
        var github = environment.Variables("GITHUB_SERVER_URL") is { Length: > 0 } server && environment.Variables("GITHUB_REPOSITORY") is { Length: > 0 } repository
            ? $"{server.TrimEnd('/')}/{repository}"
            : null;
        return SarifAnchors.For(settings.ProjectPath, github ?? environment.Variables("CI_PROJECT_URL"));
    }

    /// <summary>Writes <c>-o</c>'s one format to its file, or to <paramref name="standardOutput"/> for <c>-</c>.</summary>
    public static void WriteSingle(string target, string content, TextWriter standardOutput, CliEnvironment environment, string what = "the report")
    {
        if (target != OutputFile.StandardOutput)
        {
            WriteFile(target, "-o/--output", content, environment, what);
            return;
        }

        standardOutput.Write(content);
        if (!content.EndsWith('\n'))
        {
            standardOutput.WriteLine();
        }

        standardOutput.Flush();
    }

    /// <summary>Writes one report file, creating its folder; one that cannot be written is an input error naming the path and the option.</summary>
    public static void WriteFile(string path, string option, string content, CliEnvironment environment, string what = "the report")
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AuditInputException($"{option} {path}: cannot write {what}: {e.Message}");
        }

        environment.Error.WriteLine($"wrote {path}");
    }
}
