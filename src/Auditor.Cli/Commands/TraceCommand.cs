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
    private readonly Option<string?> _model = new("--model") { Description = "Only this registered model." };
    private readonly Option<string?> _timeout = TimeoutOption.Create();
    private readonly Option<bool> _artifactCredentials = ArtifactCredentialsOption.Create();

    public Command Build(CliEnvironment environment)
    {
        var command = new Command("trace", "Print the reproducibility trace of every registered model version as a tree.")
        {
            _path, _trackingUri, _artifactRoot, _artifactCredentials, _timeout, _config, _model,
        };
        command.SetAction(parse =>
        {
            var settings = AuditSettings.Create(parse.GetValue(_path), parse.GetValue(_trackingUri), [], null, null, null, environment.CurrentDirectory, parse.GetValue(_config), artifactRoots: parse.GetValue(_artifactRoot)) with
            {
                Policy = OperatorPolicy.Load(null, environment),
                Timeout = TimeoutOption.Resolve(parse.GetValue(_timeout), environment),
                ArtifactCredentials = parse.GetValue(_artifactCredentials),
            };
            var report = AuditPipeline.Run(settings, environment);
            var model = parse.GetValue(_model);
            var traces = report.Trace.Where(t => model is null || t.Model == model).ToList();
            if (model is not null && traces.Count == 0)
            {
                environment.Error.WriteLine($"mlaudit: error: --model {model}: no registered model of that name (or it has no versions)");
                return ExitCodes.InputError;
            }

            if (traces.Count == 0)
            {
                environment.Out.WriteLine("No registered model versions to trace.");
            }

            TraceTreeWriter.Write(traces, environment.Out);
            StoreNotices.Write(report, environment.Error);

            return ExitCodes.Success;
        });
        return command;
    }
}
