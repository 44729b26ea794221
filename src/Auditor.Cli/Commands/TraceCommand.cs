using System.CommandLine;
using Auditor.Reporting;

namespace Auditor.Cli.Commands;

/// <summary><c>mlaudit trace [PATH] [--model NAME]</c>: each model version's chain back to run, commit, environment, data and files.</summary>
internal sealed class TraceCommand
{
    private readonly Argument<string?> _path = new("path") { Description = "The project folder (default: the current folder).", DefaultValueFactory = _ => null };
    private readonly Option<string?> _trackingUri = new("--tracking-uri") { Description = "MLflow tracking URI (see 'mlaudit audit --help')." };
    private readonly Option<string[]> _artifactRoot = new("--artifact-root") { Description = "A folder holding the store's artifacts (see 'mlaudit audit --help'); may be repeated." };
    private readonly Option<string?> _config = new("--config") { Description = "The project configuration file." };
    private readonly Option<string?> _model = new("--model") { Description = "Only this registered model (or logged application name)." };
    private readonly Option<string?> _timeout = TimeoutOption.Create();
    private readonly VerbosityOptions _verbosity = new();
    private readonly Option<bool> _artifactCredentials = ArtifactCredentialsOption.Create();

    public Command Build(CliEnvironment outer)
    {
        var command = new Command("trace", "Print the reproducibility trace of every registered model version, and of every GenAI application version logged but not registered, as a tree.")
        {
            _path, _trackingUri, _artifactRoot, _artifactCredentials, _timeout, _config, _model,
        };
        _verbosity.AddTo(command);
        CliParsing.RefuseOptionLikeArgument(command, _path);
        command.SetAction(parse =>
        {
            var environment = _verbosity.Apply(parse, outer);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var settings = AuditSettings.Create(parse.GetValue(_path), parse.GetValue(_trackingUri), [], null, null, null, environment.CurrentDirectory, parse.GetValue(_config), artifactRoots: parse.GetValue(_artifactRoot)) with
            {
                Policy = OperatorPolicy.Load(null, environment),
                Timeout = TimeoutOption.Resolve(parse.GetValue(_timeout), environment),
                ArtifactCredentials = parse.GetValue(_artifactCredentials),
            };
            environment.Progress($"tracing {settings.ProjectPath} ...");
            var report = AuditPipeline.Run(settings, environment);
            environment.Progress($"traced {report.Trace.Count} model versions and {report.Applications.Count} application versions in {clock.Elapsed.TotalSeconds:0.00} s");
            var model = parse.GetValue(_model);
            var traces = report.Trace.Where(t => model is null || t.Model == model).ToList();
            var applications = report.Applications.Where(a => model is null || a.Name == model).ToList();
            if (model is not null && traces.Count == 0 && applications.Count == 0)
            {
                throw new Core.AuditInputException($"--model {model}: no registered model or logged application of that name (or it has no versions)");
            }

            if (traces.Count == 0 && applications.Count == 0)
            {
                environment.Out.WriteLine("No registered model versions to trace.");
            }

            TraceTreeWriter.Write(traces, environment.Out);
            TraceTreeWriter.WriteApplications(applications, environment.Out);
            StoreNotices.Write(report, environment.Error);

            return ExitCodes.Success;
        });
        return command;
    }
}
