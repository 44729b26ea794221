using System.CommandLine;
using System.Diagnostics;
using Auditor.Cli.Gate;
using Auditor.Core;
using Auditor.Core.Trace;
using Auditor.Reporting;

namespace Auditor.Cli.Commands;

/// <summary><c>mlaudit audit [PATH]</c>: audits a project, writes the requested reports, then applies the gate.</summary>
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

    private readonly Option<string?> _policy = new("--policy")
    {
        Description = "The operator's policy (kind: Policy; keep it outside the audited tree): whether the project's waivers and attestations count and for how long, "
                      + "which rules and categories its configuration may disable or weaken, and whether its trackingUri is used. Default: MLAUDIT_POLICY, else the defaults: "
                      + "rules required for a level cannot be disabled or weakened, waivers and attestations last at most 365 days, and a trackingUri the project names "
                      + "never receives credentials from the environment.",
    };

    private readonly Option<string?> _history = new("--history")
    {
        Description = "A folder that keeps a dated JSON result of every audit; the report shows the trend.",
    };

    private readonly Option<string?> _trackingUri = new("--tracking-uri")
    {
        Description = "MLflow tracking URI (path, file:, sqlite:, postgresql:, mysql:, http(s):). Default: MLFLOW_TRACKING_URI, else the configuration's trackingUri (as the policy allows; never with the environment's credentials), else ./mlruns with data, else ./mlflow.db.",
    };

    private readonly Option<string[]> _artifactRoot = new("--artifact-root")
    {
        Description = "A folder holding the store's artifacts, for recorded paths that do not exist here (a PostgreSQL or MySQL store has no folder of its own); may be repeated. Default: the project's mlruns and mlartifacts folders.",
    };

    private readonly Option<string[]> _format = new("--format", "-f")
    {
        Description = "Output formats, comma-separated: console, json, html, sarif, junit, markdown.",
        DefaultValueFactory = _ => ["console"],
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<string?> _outputDir = new("--output-dir")
    {
        Description = "Folder for file reports (report.json, report.html, report.sarif, report.junit.xml, report.md). Default: the current folder.",
    };

    private readonly Option<string?> _output = new("--output", "-o")
    {
        Description = "Write the one requested format to this file; '-' writes it to standard output (the console summary, if asked too, then goes to standard error). For several formats use --output-dir.",
    };

    private readonly VerbosityOptions _verbosity = new();

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

    private readonly Option<int?> _minLevel = new("--min-level")
    {
        Description = "Gate: exit 1 when the attained maturity level is below this level (0-4).",
    };

    private readonly Option<string?> _failOn = new("--fail-on")
    {
        Description = "Gate: exit 1 when a failing finding has at least this severity (info, low, medium, high, critical).",
    };

    private readonly Option<string?> _timeout = TimeoutOption.Create();

    private readonly Option<bool> _artifactCredentials = ArtifactCredentialsOption.Create();

    private readonly Option<string?> _baseline = new("--baseline")
    {
        Description = "Gate: a previous report.json; only findings that newly fail count, and improvements and regressions are listed.",
    };

    private readonly Option<string[]> _projects = new("--projects")
    {
        Description = "Monorepo: audit each project folder below PATH that these patterns name ('projects/*'; comma-separated or repeated) as its own subject against the store they share, "
                      + "attributing runs by source path, experiment name or mlaudit.project tag; reports in OUTPUT-DIR/<folder>/, the merged view as portfolio.* and on the console.",
        AllowMultipleArgumentsPerToken = true,
    };

    public Command Build(CliEnvironment environment)
    {
        var command = new Command("audit", "Audit an ML project's git repository and MLflow tracking store.")
        {
            _path, _trackingUri, _artifactRoot, _artifactCredentials, _timeout, _format, _output, _outputDir, _rules, _templates, _config, _policy, _history, _minLevel, _failOn, _baseline, _model, _version, _alias, _stage, _require, _projects,
        };
        _verbosity.AddTo(command);
        CliParsing.RefuseOptionLikeArgument(command, _path);
        command.SetAction(parse => Run(parse, environment));
        return command;
    }

    private int Run(ParseResult parse, CliEnvironment environment)
    {
        var standardOutput = environment.Out;
        environment = _verbosity.Apply(parse, environment);
        var clock = Stopwatch.StartNew();
        var settings = AuditSettings.Create(
            parse.GetValue(_path),
            parse.GetValue(_trackingUri),
            parse.GetValue(_format) ?? [],
            parse.GetValue(_outputDir),
            parse.GetValue(_rules),
            parse.GetValue(_templates),
            environment.CurrentDirectory,
            parse.GetValue(_config),
            parse.GetValue(_history),
            parse.GetValue(_artifactRoot));
        settings = settings with
        {
            Policy = OperatorPolicy.Load(parse.GetValue(_policy), environment),
            Gate = GateSettings.Create(
                parse.GetValue(_minLevel) ?? settings.Config.Gate.MinLevel,
                parse.GetValue(_failOn) ?? settings.Config.Gate.FailOn?.ToString().ToLowerInvariant(),
                parse.GetValue(_baseline),
                environment.CurrentDirectory),
            Timeout = TimeoutOption.Resolve(parse.GetValue(_timeout), environment),
            OutputFile = OutputFile.Resolve(parse.GetValue(_output), settings.Formats, environment.CurrentDirectory),
            Verbose = parse.GetValue(_verbosity.Verbose),
            ArtifactCredentials = parse.GetValue(_artifactCredentials),
        };
        if (parse.GetValue(_projects) is { Length: > 0 } projects)
        {
            if (parse.GetValue(_model) is not null || settings.OutputFile is not null || settings.HistoryDirectory is not null || settings.Gate.Baseline is not null)
            {
                throw new AuditInputException("--projects: audits several projects; --model, -o/--output, --history and --baseline apply to one (audit that project alone)");
            }

            return ProjectsAudit.Run(settings, projects, environment, standardOutput);
        }

        var release = ReleaseOptions(parse);
        if (settings.OutputFile == OutputFile.StandardOutput)
        {
            environment = environment with { Out = environment.Error };
        }

        environment.Progress($"settings read in {clock.Elapsed.TotalSeconds:0.00} s; auditing {settings.ProjectPath} ...");
        var report = AuditPipeline.Run(settings, environment);
        environment.Progress($"audit done at {clock.Elapsed.TotalSeconds:0.00} s: {report.Findings.Count} findings, {report.Inventory.Runs.Total} runs");
        if (settings.HistoryDirectory is { } history)
        {
            var (withHistory, problems) = AuditHistory.Record(report, history);
            report = withHistory with { Problems = [.. withHistory.Problems, .. problems] };
        }

        var candidate = release?.Selector.Select(report.Trace);
        if (candidate is not null)
        {
            report = report with { Trace = [candidate] };
        }

        StoreNotices.Write(report, environment.Error);
        environment.Progress($"writing reports at {clock.Elapsed.TotalSeconds:0.00} s ...");
        ReportWriter.WriteAll(report, settings, environment, standardOutput);
        environment.Progress($"reports written at {clock.Elapsed.TotalSeconds:0.00} s");

        var gate = GateEvaluator.Evaluate(report, settings.Gate);
        GateOutput.Write(gate, settings.Gate, environment.Error);
        var releasePassed = candidate is null || PreRelease.Judge(candidate, release!.Value.Required, environment.Out) == ExitCodes.Success;
        return gate.Passed && releasePassed ? ExitCodes.Success : ExitCodes.GateFailed;
    }

    /// <summary>The pre-release audit's choice of version and required verdict, or null without <c>--model</c>.</summary>
    private (ReleaseSelector Selector, Verdict Required)? ReleaseOptions(ParseResult parse)
    {
        if (parse.GetValue(_model) is not { } model)
        {
            return null;
        }

        var required = parse.GetValue(_require) switch
        {
            "reproducible" => Verdict.Reproducible,
            "partial" => Verdict.Partial,
            var other => throw new AuditInputException($"--require: '{other}' is not a verdict (reproducible or partial)"),
        };
        return (new ReleaseSelector(model, parse.GetValue(_version), parse.GetValue(_alias), parse.GetValue(_stage)), required);
    }
}
