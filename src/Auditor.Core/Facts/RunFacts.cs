using Auditor.Core.Evidence;
using Auditor.Core.Rules;
using Auditor.Core.Tracking;

namespace Auditor.Core.Facts;

/// <summary>Facts about tracked runs. Shares count active runs only; deleted runs are history, not practice.</summary>
public sealed class RunFacts : TrackingFactProvider
{
    /// <summary>A RUNNING run older than this is taken as abandoned (a crashed kernel or a killed job).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromDays(2);

    private static readonly FactDescriptor Present = new("tracking.present", "bool", "An MLflow tracking store was found.");
    private static readonly FactDescriptor Experiments = new("experiments.active", "number", "Active experiments that hold at least one active run.");
    private static readonly FactDescriptor Total = new("runs.total", "number", "Active runs.");
    private static readonly FactDescriptor Finished = new("runs.finished", "number", "Active runs with status FINISHED.");
    private static readonly FactDescriptor GitCommit = new("runs.gitCommitShare", "share", "Share (0-1) of active runs that record mlflow.source.git.commit.");
    private static readonly FactDescriptor Failed = new("runs.failedShare", "share", "Share (0-1) of active, ended runs whose status is FAILED or KILLED.");
    private static readonly FactDescriptor Params = new("runs.paramsShare", "share", "Share (0-1) of finished active runs that log at least one parameter.");
    private static readonly FactDescriptor Metrics = new("runs.metricsShare", "share", "Share (0-1) of finished active runs that log at least one metric.");
    private static readonly FactDescriptor User = new("runs.userShare", "share", "Share (0-1) of active runs that record who ran them (mlflow.user or user_id).");
    private static readonly FactDescriptor Source = new("runs.sourceShare", "share", "Share (0-1) of active runs that record their entry point (mlflow.source.name).");
    private static readonly FactDescriptor Datasets = new("runs.datasetShare", "share", "Share (0-1) of finished active runs that log a dataset input (mlflow.log_input).");
    private static readonly FactDescriptor Models = new("runs.modelShare", "share", "Share (0-1) of finished active runs that log a model.");
    private static readonly FactDescriptor Stale = new("runs.staleRunning", "number", "Active runs still RUNNING more than two days after they started.");
    private static readonly FactDescriptor Notebook = new("runs.notebookShare", "share", "Share (0-1) of active runs started from a notebook.");
    private static readonly FactDescriptor Automated = new("runs.automatedShare", "share", "Share (0-1) of active runs launched as a project or job (mlflow run, a scheduler, CI) rather than by hand.");
    private static readonly FactDescriptor Finite = new("runs.finiteMetricsShare", "share", "Share (0-1) of finished active runs whose metrics are all finite (no NaN or infinity).");
    private static readonly FactDescriptor DaysSince = new("runs.daysSinceLastRun", "number", "Days between the latest run start and the audit.");

    public override IReadOnlyList<FactDescriptor> Descriptors { get; } =
        [Present, Experiments, Total, Finished, GitCommit, Failed, Params, Metrics, User, Source, Datasets, Models, Stale, Notebook, Automated, Finite, DaysSince];

    protected override IReadOnlySet<string> KnownWhenPartlyRead { get; } = new HashSet<string>([Present.Name]);

    protected override IEnumerable<Fact> Derive(TrackingStore store, EvidenceBundle evidence)
    {
        var present = evidence.Tracking.State is CollectionState.Present or CollectionState.Partial;
        yield return Fact.Known(Present.Name, FactValue.Of(present),
            [present ? new EvidenceRef("store", store.Uri, store.Kind.ToString().ToLowerInvariant()) : new EvidenceRef("store", evidence.ProjectPath, evidence.Tracking.Reason)]);

        var runs = store.Runs.Where(r => r.Lifecycle == Lifecycle.Active).ToList();
        var finished = runs.Where(r => r.Status == RunStatus.Finished).ToList();
        var ended = runs.Where(r => r.Status is RunStatus.Finished or RunStatus.Failed or RunStatus.Killed).ToList();
        const string noRuns = "there are no active runs to measure";
        const string noFinished = "there are no finished runs to measure";

        yield return Fact.Known(Experiments.Name, FactValue.Of(runs.Select(r => r.ExperimentId).Distinct().Count()));
        yield return Fact.Known(Total.Name, FactValue.Of(runs.Count));
        yield return Fact.Known(Finished.Name, FactValue.Of(finished.Count));
        yield return FactBuilder.Share(GitCommit, runs, r => r.GitCommit is not null, r => RunRef(r, "no git commit recorded"), noRuns);
        yield return FactBuilder.ShareOf(Failed, ended, r => r.Status is RunStatus.Failed or RunStatus.Killed, r => RunRef(r, r.Status.ToString().ToUpperInvariant()), noRuns);
        yield return FactBuilder.Share(Params, finished, r => r.Params.Count > 0, r => RunRef(r, "no parameters"), noFinished);
        yield return FactBuilder.Share(Metrics, finished, r => r.Metrics.Count > 0, r => RunRef(r, "no metrics"), noFinished);
        yield return FactBuilder.Share(User, runs, HasUser, r => RunRef(r, "no user recorded"), noRuns);
        yield return FactBuilder.Share(Source, runs, r => !string.IsNullOrEmpty(r.Tags.GetValueOrDefault(SystemTags.SourceName)), r => RunRef(r, "no mlflow.source.name"), noRuns);
        yield return FactBuilder.Share(Datasets, finished, r => r.Datasets.Count > 0, r => RunRef(r, "no dataset input"), noFinished);
        yield return FactBuilder.Share(Models, finished, LoggedModel, r => RunRef(r, "no model logged"), noFinished);

        var stale = runs.Where(r => r.Status == RunStatus.Running && r.StartTime is { } start && evidence.CollectedAt - start > StaleAfter).ToList();
        yield return FactBuilder.Count(Stale, stale, r => RunRef(r, $"RUNNING since {r.StartTime:yyyy-MM-dd}"));
        yield return FactBuilder.ShareOf(Notebook, runs, IsNotebook, r => RunRef(r, "started from " + r.Tags.GetValueOrDefault(SystemTags.SourceName, "a notebook")), noRuns);
        yield return FactBuilder.Share(Automated, runs, IsAutomated, r => RunRef(r, "started by hand (" + r.Tags.GetValueOrDefault(SystemTags.SourceType, "LOCAL") + ")"), noRuns);
        yield return FactBuilder.Share(Finite, finished, r => !r.Metrics.Values.Any(m => m.HasNonFinite),
            r => RunRef(r, "non-finite " + string.Join(", ", r.Metrics.Values.Where(m => m.HasNonFinite).Select(m => m.Key))), noFinished);

        var latest = runs.Select(r => r.StartTime).Where(t => t is not null).Max();
        yield return latest is { } last
            ? Fact.Known(DaysSince.Name, FactValue.Of(Math.Max(0, Math.Floor((evidence.CollectedAt - last).TotalDays))), [new("run", runs.First(r => r.StartTime == last).Id, $"latest run, started {last:yyyy-MM-dd}")])
            : Fact.Unknown(DaysSince.Name, "no run records a start time");
    }

    private static bool HasUser(Run run) =>
        !string.IsNullOrWhiteSpace(run.Tags.GetValueOrDefault(SystemTags.User)) || run.UserId is { Length: > 0 } and not "unknown";

    private static bool LoggedModel(Run run) =>
        run.OutputModelIds.Count > 0 || run.Tags.ContainsKey(SystemTags.LogModelHistory);

    private static bool IsNotebook(Run run)
    {
        var source = run.Tags.GetValueOrDefault(SystemTags.SourceName) ?? "";
        return string.Equals(run.Tags.GetValueOrDefault(SystemTags.SourceType), "NOTEBOOK", StringComparison.OrdinalIgnoreCase)
            || source.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase)
            || source.Contains("ipykernel", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsAutomated(Run run) =>
        run.Tags.GetValueOrDefault(SystemTags.SourceType)?.ToUpperInvariant() is "PROJECT" or "JOB"
        || run.Tags.ContainsKey("mlflow.project.entryPoint")
        || run.Tags.ContainsKey("mlflow.databricks.jobID");
}
