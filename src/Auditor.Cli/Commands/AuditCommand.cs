using System.CommandLine;
using Auditor.Core;
using Auditor.Core.Trace;
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

    private readonly Option<string?> _model = new("--model")
    {
        Description = "Pre-release audit: gate on the trace of one version of this registered model (default: its serving version, else its newest).",
    };

    private readonly Option<int?> _version = new("--version") { Description = "With --model: the version number." };

    private readonly Option<string?> _alias = new("--alias") { Description = "With --model: the version with this alias." };

    private readonly Option<string?> _stage = new("--stage") { Description = "With --model: the newest version in this stage." };

    private readonly Option<string> _require = new("--require")
    {
        Description = "With --model: the verdict the version needs: reproducible (default) or partial.",
        DefaultValueFactory = _ => "reproducible",
    };

    public Command Build(CliEnvironment environment)
    {
        var command = new Command("audit", "Audit an ML project's git repository and MLflow tracking store.")
        {
            _path, _trackingUri, _format, _outputDir, _rules, _templates, _config, _history, _model, _version, _alias, _stage, _require,
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

        if (parse.GetValue(_model) is not { } model)
        {
            ReportWriter.WriteAll(report, settings, environment);
            return ExitCodes.Success;
        }

        var required = parse.GetValue(_require) switch
        {
            "reproducible" => Verdict.Reproducible,
            "partial" => Verdict.Partial,
            var other => throw new AuditInputException($"--require: '{other}' is not a verdict (reproducible or partial)"),
        };
        var release = new ReleaseSelector(model, parse.GetValue(_version), parse.GetValue(_alias), parse.GetValue(_stage)).Select(report.Trace);
        report = report with { Trace = [release] };
        ReportWriter.WriteAll(report, settings, environment);
        return PreRelease.Judge(release, required, environment.Out);
    }
}
