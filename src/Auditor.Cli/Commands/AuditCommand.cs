using System.CommandLine;

namespace Auditor.Cli.Commands;

/// <summary><c>mlaudit audit [PATH]</c>: audits a project and writes the requested reports.</summary>
internal sealed class AuditCommand
{
    private readonly Argument<string> _path = new("path")
    {
        Description = "The project folder to audit (may be a subfolder of a larger repository).",
        DefaultValueFactory = _ => ".",
    };

    private readonly Option<string?> _trackingUri = new("--tracking-uri")
    {
        Description = "MLflow tracking URI (path, file:, sqlite:, postgresql:, http(s):). Default: MLFLOW_TRACKING_URI, else ./mlruns with data, else ./mlflow.db.",
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
            _path, _trackingUri, _format, _outputDir, _rules, _templates,
        };
        command.SetAction(parse => Run(parse, environment));
        return command;
    }

    private int Run(ParseResult parse, CliEnvironment environment)
    {
        var settings = AuditSettings.Create(
            parse.GetValue(_path) ?? ".",
            parse.GetValue(_trackingUri),
            parse.GetValue(_format) ?? [],
            parse.GetValue(_outputDir),
            parse.GetValue(_rules),
            parse.GetValue(_templates),
            environment.CurrentDirectory);
        var report = AuditPipeline.Run(settings, environment);
        ReportWriter.WriteAll(report, settings, environment);
        return ExitCodes.Success;
    }
}
