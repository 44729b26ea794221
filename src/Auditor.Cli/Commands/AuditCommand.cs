using System.CommandLine;
using System.Diagnostics;
using Auditor.Cli.Gate;

namespace Auditor.Cli.Commands;

/// <summary><c>mlaudit audit [PATH]</c>: audits a project, writes the requested reports, then applies the gate.</summary>
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
        Description = "Output formats, comma-separated: console, json, html, sarif, junit, markdown.",
        DefaultValueFactory = _ => ["console"],
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<string?> _outputDir = new("--output-dir", "-o")
    {
        Description = "Folder for file reports (report.json, report.html, report.sarif, report.junit.xml, report.md). Default: the current folder.",
    };

    private readonly Option<string?> _rules = new("--rules")
    {
        Description = "A folder of rule files that add to or override the built-in rules.",
    };

    private readonly Option<string?> _templates = new("--templates")
    {
        Description = "A folder with report templates that override the built-in ones.",
    };

    private readonly Option<int?> _minLevel = new("--min-level")
    {
        Description = "Gate: exit 1 when the attained maturity level is below this level (0-4).",
    };

    private readonly Option<string?> _failOn = new("--fail-on")
    {
        Description = "Gate: exit 1 when a failing finding has at least this severity (info, low, medium, high, critical).",
    };

    private readonly Option<string?> _baseline = new("--baseline")
    {
        Description = "Gate: a previous report.json; only findings that newly fail count, and improvements and regressions are listed.",
    };

    public Command Build(CliEnvironment environment)
    {
        var command = new Command("audit", "Audit an ML project's git repository and MLflow tracking store.")
        {
            _path, _trackingUri, _format, _outputDir, _rules, _templates, _minLevel, _failOn, _baseline,
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
            environment.CurrentDirectory) with
        {
            Gate = GateSettings.Create(parse.GetValue(_minLevel), parse.GetValue(_failOn), parse.GetValue(_baseline), environment.CurrentDirectory),
        };

        var clock = Stopwatch.StartNew();
        Progress(environment, $"auditing {settings.ProjectPath} ...");
        var report = AuditPipeline.Run(settings, environment);
        Progress(environment, $"audited {report.Inventory.Runs.Total} runs in {clock.Elapsed.TotalSeconds:0.0} s; writing reports ...");
        ReportWriter.WriteAll(report, settings, environment);

        var gate = GateEvaluator.Evaluate(report, settings.Gate);
        GateOutput.Write(gate, settings.Gate, environment.Error);
        return gate.Passed ? ExitCodes.Success : ExitCodes.GateFailed;
    }

    private static void Progress(CliEnvironment environment, string message)
    {
        if (environment.ShowProgress)
        {
            environment.Error.WriteLine($"mlaudit: {message}");
        }
    }
}
