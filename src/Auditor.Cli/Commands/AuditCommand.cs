using System.CommandLine;
using Auditor.Reporting;

namespace Auditor.Cli.Commands;

/// <summary><c>mlaudit audit [PATH]</c>: audits a project and writes the requested reports.</summary>
internal sealed class AuditCommand
{
    private readonly Argument<string?> _path = new("path")
    {
        Description = "The project folder to audit (may be a subfolder of a larger repository). Default: the configuration's project, else the current folder.",
        DefaultValueFactory = _ => null,
    };

    private readonly Option<string?> _config = new("--config")
    {
        Description = "The project configuration file. Default: .mlaudit.yml in the project folder, if there is one.",
    };

    private readonly Option<string?> _history = new("--history")
    {
        Description = "A folder that keeps a dated JSON result of every audit; the report shows the trend.",
    };

    private readonly Option<string?> _trackingUri = new("--tracking-uri")
    {
        Description = "MLflow tracking URI (path, file:, sqlite:, postgresql:, http(s):). Default: MLFLOW_TRACKING_URI, else the configuration's trackingUri, else ./mlruns with data, else ./mlflow.db.",
    };

    private readonly Option<string[]> _format = new("--format", "-f")
    {
        Description = "Output formats, comma-separated: console, json, html.",
        DefaultValueFactory = _ => ["console"],
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<string?> _outputDir = new("--output-dir", "-o")
    {
        Description = "Folder for file reports (report.json, report.html). Default: the current folder.",
    };

    private readonly Option<string?> _rules = new("--rules")
    {
        Description = "A folder of rule files that add to or override the built-in rules.",
    };

    private readonly Option<string?> _templates = new("--templates")
    {
        Description = "A folder with report templates that override the built-in ones.",
    };

    public Command Build(CliEnvironment environment)
    {
        var command = new Command("audit", "Audit an ML project's git repository and MLflow tracking store.")
        {
            _path, _trackingUri, _format, _outputDir, _rules, _templates, _config, _history,
        };
        command.SetAction(parse => Run(parse, environment));
        return command;
    }

    private int Run(ParseResult parse, CliEnvironment environment)
    {
        var settings = AuditSettings.Create(
            parse.GetValue(_path),
            parse.GetValue(_trackingUri),
            parse.GetValue(_format) ?? [],
            parse.GetValue(_outputDir),
            parse.GetValue(_rules),
            parse.GetValue(_templates),
            environment.CurrentDirectory,
            parse.GetValue(_config),
            parse.GetValue(_history));
        var report = AuditPipeline.Run(settings, environment);
        if (settings.HistoryDirectory is { } history)
        {
            var (withHistory, problems) = AuditHistory.Record(report, history);
            report = withHistory with { Problems = [.. withHistory.Problems, .. problems] };
        }

        ReportWriter.WriteAll(report, settings, environment);
        return ExitCodes.Success;
    }
}
