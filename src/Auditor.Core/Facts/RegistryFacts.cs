using Auditor.Core.Evidence;
using Auditor.Core.Rules;
using Auditor.Core.Tracking;

namespace Auditor.Core.Facts;

/// <summary>Facts about the model registry.</summary>
public sealed class RegistryFacts : TrackingFactProvider
{
    /// <summary>Aliases teams use for the version that serves traffic.</summary>
    public static readonly IReadOnlySet<string> ServingAliases = new HashSet<string>(["champion", "production", "prod", "live", "serving"], StringComparer.OrdinalIgnoreCase);

    private static readonly FactDescriptor Models = new("registry.registeredModels", "number", "Registered models (prompts excluded).");
    private static readonly FactDescriptor Versions = new("registry.modelVersions", "number", "Live model versions.");
    private static readonly FactDescriptor Serving = new("registry.servingVersions", "number", "Model versions in stage Production or with a serving alias (champion, production, prod, live, serving).");
    private static readonly FactDescriptor LinkedRuns = new("registry.versionsWithLiveRunShare", "share", "Share (0-1) of model versions whose run still exists and is active.");
    private static readonly FactDescriptor Designated = new("registry.designatedShare", "share", "Share (0-1) of registered models with versions that mark one with a stage other than None or with an alias.");
    private static readonly FactDescriptor Rollback = new("registry.rollbackReadyShare", "share", "Share (0-1) of serving models that keep an earlier live version to roll back to.");
    private static readonly FactDescriptor Described = new("registry.describedShare", "share", "Share (0-1) of registered models with a description.");
    private static readonly FactDescriptor Logged = new("models.loggedModels", "number", "MLflow 3.x logged models.");

    public override IReadOnlyList<FactDescriptor> Descriptors { get; } = [Models, Versions, Serving, LinkedRuns, Designated, Rollback, Described, Logged];

    public static bool IsServing(ModelVersion version) =>
        version.Stage == "Production" || version.Aliases.Any(ServingAliases.Contains);

    protected override IEnumerable<Fact> Derive(TrackingStore store, EvidenceBundle evidence)
    {
        var models = store.RegisteredModels;
        var versions = models.SelectMany(m => m.Versions).ToList();
        var withVersions = models.Where(m => m.Versions.Count > 0).ToList();
        var runs = store.Runs.ToDictionary(r => r.Id, StringComparer.Ordinal);
        const string noVersions = "there are no model versions";

        yield return FactBuilder.Count(Models, models, m => new EvidenceRef("registered-model", m.Name));
        yield return FactBuilder.Count(Versions, versions, v => VersionRef(v));
        yield return FactBuilder.Count(Serving, versions.Where(IsServing).ToList(), v => VersionRef(v));
        yield return FactBuilder.Share(LinkedRuns, versions, v => v.RunId is not null && runs.TryGetValue(v.RunId, out var run) && run.Lifecycle == Lifecycle.Active,
            v => VersionRef(v, v.RunId is null ? "no run recorded" : runs.TryGetValue(v.RunId, out var run) ? "its run is deleted" : $"its run {v.RunId} no longer exists"), noVersions);
        yield return FactBuilder.Share(Designated, withVersions, m => m.Versions.Any(v => v.Stage != "None" || v.Aliases.Count > 0),
            m => new EvidenceRef("registered-model", m.Name, "no version has a stage or alias"), noVersions);

        var serving = withVersions.Where(m => m.Versions.Any(IsServing)).ToList();
        yield return FactBuilder.Share(Rollback, serving, m => m.Versions.Any(v => v.Version < m.Versions.Where(IsServing).Min(s => s.Version)),
            m => new EvidenceRef("registered-model", m.Name, "no earlier version to roll back to"), "no model version is designated for serving");
        yield return FactBuilder.Share(Described, withVersions, m => !string.IsNullOrWhiteSpace(m.Description),
            m => new EvidenceRef("registered-model", m.Name, "no description"), noVersions);
        yield return FactBuilder.Count(Logged, store.LoggedModels, m => new EvidenceRef("logged-model", m.Id, m.Name));
    }
}
