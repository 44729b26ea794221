using Auditor.Core.Evidence;
using Auditor.Core.Rules;
using Auditor.Core.Tracking;

namespace Auditor.Core.Facts;

/// <summary>Facts about the MLflow tracking store. Deleted runs and experiments are left out of shares.</summary>
public sealed class TrackingFacts : IFactProvider
{
    private static readonly FactDescriptor Present = new("tracking.present", "bool", "An MLflow tracking store was found.");
    private static readonly FactDescriptor RunsTotal = new("runs.total", "number", "Active runs.");
    private static readonly FactDescriptor RunsFinished = new("runs.finished", "number", "Active runs with status FINISHED.");
    private static readonly FactDescriptor GitCommitShare = new("runs.gitCommitShare", "number", "Share (0-1) of active runs that record mlflow.source.git.commit.");
    private static readonly FactDescriptor FailedShare = new("runs.failedShare", "number", "Share (0-1) of active, ended runs whose status is FAILED or KILLED.");
    private static readonly FactDescriptor RegisteredModels = new("registry.registeredModels", "number", "Registered models (prompts excluded).");
    private static readonly FactDescriptor ModelVersions = new("registry.modelVersions", "number", "Live model versions.");
    private static readonly FactDescriptor ServingVersions = new("registry.servingVersions", "number", "Model versions in stage Production or with an alias (champion, production, prod, ...).");

    private static readonly FactDescriptor[] StoreFacts =
        [RunsTotal, RunsFinished, GitCommitShare, FailedShare, RegisteredModels, ModelVersions, ServingVersions];

    private static readonly string[] ServingAliases = ["champion", "production", "prod", "live", "serving"];

    public IReadOnlyList<FactDescriptor> Descriptors { get; } = [Present, .. StoreFacts];

    public IEnumerable<Fact> Derive(EvidenceBundle evidence)
    {
        var tracking = evidence.Tracking;
        switch (tracking.State)
        {
            case CollectionState.Present:
                yield return Fact.Known(Present.Name, FactValue.Of(true), [new("store", tracking.Value!.Uri, tracking.Value.Kind.ToString().ToLowerInvariant())]);
                foreach (var fact in Describe(tracking.Value))
                {
                    yield return fact;
                }

                break;
            case CollectionState.Absent:
                yield return Fact.Known(Present.Name, FactValue.Of(false), [new("store", evidence.ProjectPath, tracking.Reason)]);
                foreach (var fact in Describe(new TrackingStore { Kind = TrackingStoreKind.File, Uri = "" }))
                {
                    yield return fact;
                }

                break;
            default:
                yield return Fact.Unknown(Present.Name, tracking.Reason ?? "the tracking store could not be read");
                foreach (var descriptor in StoreFacts)
                {
                    yield return Fact.Unknown(descriptor.Name, tracking.Reason ?? "the tracking store could not be read");
                }

                break;
        }
    }

    private static IEnumerable<Fact> Describe(TrackingStore store)
    {
        var runs = store.Runs.Where(r => r.Lifecycle == Lifecycle.Active).ToList();
        yield return Fact.Known(RunsTotal.Name, FactValue.Of(runs.Count));
        yield return Fact.Known(RunsFinished.Name, FactValue.Of(runs.Count(r => r.Status == RunStatus.Finished)));

        var withoutCommit = runs.Where(r => r.GitCommit is null).ToList();
        yield return Share(GitCommitShare, runs.Count - withoutCommit.Count, runs.Count, withoutCommit.Select(r => RunRef(r, "no git commit recorded")));

        var ended = runs.Where(r => r.Status is RunStatus.Finished or RunStatus.Failed or RunStatus.Killed).ToList();
        var failed = ended.Where(r => r.Status is RunStatus.Failed or RunStatus.Killed).ToList();
        yield return Share(FailedShare, failed.Count, ended.Count, failed.Select(r => RunRef(r, r.Status.ToString().ToUpperInvariant())));

        var versions = store.RegisteredModels.SelectMany(m => m.Versions).ToList();
        yield return Fact.Known(RegisteredModels.Name, FactValue.Of(store.RegisteredModels.Count),
            store.RegisteredModels.Select(m => new EvidenceRef("registered-model", m.Name)).ToList());
        yield return Fact.Known(ModelVersions.Name, FactValue.Of(versions.Count), versions.Select(VersionRef).ToList());

        var serving = versions.Where(IsServing).ToList();
        yield return Fact.Known(ServingVersions.Name, FactValue.Of(serving.Count), serving.Select(VersionRef).ToList());
    }

    private static bool IsServing(ModelVersion version) =>
        version.Stage == "Production" || version.Aliases.Any(a => ServingAliases.Contains(a, StringComparer.OrdinalIgnoreCase));

    private static Fact Share(FactDescriptor descriptor, int part, int whole, IEnumerable<EvidenceRef> evidence) =>
        whole == 0
            ? Fact.Unknown(descriptor.Name, "there are no runs to measure")
            : Fact.Known(descriptor.Name, FactValue.Of(CollectedFacts.Share(part, whole)), evidence.ToList());

    private static EvidenceRef RunRef(Run run, string detail) =>
        new("run", run.Id, run.Name is null ? detail : $"{run.Name}: {detail}");

    private static EvidenceRef VersionRef(ModelVersion v)
    {
        var labels = new List<string> { $"stage {v.Stage}" };
        labels.AddRange(v.Aliases.Select(a => "@" + a));
        return new EvidenceRef("model-version", $"{v.ModelName}/{v.Version}", string.Join(", ", labels));
    }
}
