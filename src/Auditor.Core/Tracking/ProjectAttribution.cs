namespace Auditor.Core.Tracking;

/// <summary>
/// Which project of a monorepo each run of a shared store belongs to, by evidence, in this order: the run's
/// <c>mlflow.source.name</c> lies under the project's folder; else its experiment names the project (an
/// <c>mlaudit.project</c> experiment tag, or the experiment's name: the project's folder name, or that name followed by
/// <c>-</c>, <c>_</c>, <c>.</c> or <c>/</c>); else its parent run's project. The most specific project wins (the longest
/// folder or name). Registered model versions and logged models follow their run; a registered model keeps only the
/// versions of the project's runs.
/// </summary>
public sealed class ProjectAttribution
{
    /// <summary>The experiment tag that names a run's project explicitly (its folder, relative to the repository root, or its name).</summary>
    public const string ProjectTag = "mlaudit.project";

    private readonly IReadOnlyList<string> _projects;
    private readonly Dictionary<string, string?> _byRun = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _byExperiment = new(StringComparer.Ordinal);

    /// <param name="store">The shared store.</param>
    /// <param name="projects">Each project's folder relative to the repository root, with <c>/</c>.</param>
    public ProjectAttribution(TrackingStore store, IReadOnlyList<string> projects)
    {
        _projects = projects.Select(Normalize).ToList();
        foreach (var experiment in store.Experiments)
        {
            _byExperiment[experiment.Id] = ByExperiment(experiment);
        }

        foreach (var run in store.Runs)
        {
            _byRun[run.Id] = BySource(run) ?? _byExperiment.GetValueOrDefault(run.ExperimentId);
        }

        var parents = store.Runs.Where(r => _byRun[r.Id] is null && r.ParentRunId is not null).ToList();
        for (var pass = 0; pass < 8 && parents.Count > 0; pass++)
        {
            foreach (var run in parents)
            {
                _byRun[run.Id] = _byRun.GetValueOrDefault(run.ParentRunId!);
            }

            parents = parents.Where(r => _byRun[r.Id] is null && _byRun.GetValueOrDefault(r.ParentRunId!) is not null).ToList();
        }

        Unattributed = store.Runs.Where(r => _byRun[r.Id] is null).ToList();
    }

    /// <summary>The runs no project claims.</summary>
    public IReadOnlyList<Run> Unattributed { get; }

    /// <summary>The project a run belongs to, or null.</summary>
    public string? ProjectOf(Run run) => _byRun.GetValueOrDefault(run.Id);

    /// <summary>The part of the store that belongs to one project: its runs, their experiments, versions, logged models, model files and GenAI records.</summary>
    public TrackingStore Scope(TrackingStore store, string project)
    {
        project = Normalize(project);
        var runs = store.Runs.Where(r => _byRun.GetValueOrDefault(r.Id) == project).ToList();
        var runIds = runs.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var experimentIds = runs.Select(r => r.ExperimentId)
            .Concat(_byExperiment.Where(e => e.Value == project).Select(e => e.Key))
            .ToHashSet(StringComparer.Ordinal);
        var loggedModels = store.LoggedModels
            .Where(m => m.SourceRunId is { } run ? runIds.Contains(run) : experimentIds.Contains(m.ExperimentId))
            .ToList();
        var modelIds = loggedModels.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var registered = store.RegisteredModels
            .Select(m => m with { Versions = m.Versions.Where(v => BelongsTo(v, runIds, modelIds)).ToList() })
            .Where(m => m.Versions.Count > 0)
            .Select(m => m with { Aliases = m.Aliases.Where(a => m.Versions.Any(v => v.Version == a.Value)).ToDictionary(a => a.Key, a => a.Value) })
            .ToList();
        var genai = store.GenAi.InExperiments(experimentIds) with
        {
            EvaluationDatasets = store.GenAi.EvaluationDatasets.Where(d => d.ExperimentIds.Count == 0 || d.ExperimentIds.Any(experimentIds.Contains)).ToList(),
        };
        return store with
        {
            Experiments = store.Experiments.Where(e => experimentIds.Contains(e.Id)).ToList(),
            Runs = runs,
            RegisteredModels = registered,
            LoggedModels = loggedModels,
            GenAi = genai,
            ModelArtifacts = store.ModelArtifacts
                .Where(a => (a.RunId is { } run && runIds.Contains(run)) || (a.ModelId is { } model && modelIds.Contains(model))
                            || registered.Any(m => m.Versions.Any(v => ReferenceEquals(v.Artifact, a))))
                .ToList(),
        };
    }

    private static bool BelongsTo(ModelVersion version, HashSet<string> runIds, HashSet<string> modelIds) =>
        (version.RunId is { Length: > 0 } run && runIds.Contains(run)) || (version.ModelId is { Length: > 0 } model && modelIds.Contains(model));

    private string? BySource(Run run)
    {
        if (!run.Tags.TryGetValue(SystemTags.SourceName, out var source) || source.Length == 0)
        {
            return null;
        }

        var path = "/" + source.Replace('\\', '/').TrimStart('/');
        return _projects.Where(p => p != "." && path.Contains("/" + p + "/", StringComparison.Ordinal))
            .OrderByDescending(p => p.Length).FirstOrDefault();
    }

    private string? ByExperiment(Experiment experiment)
    {
        if (experiment.Tags.TryGetValue(ProjectTag, out var tagged) && tagged.Length > 0)
        {
            var wanted = Normalize(tagged);
            return _projects.FirstOrDefault(p => p == wanted) ?? _projects.FirstOrDefault(p => string.Equals(Name(p), wanted, StringComparison.OrdinalIgnoreCase));
        }

        var name = experiment.Name.Replace('\\', '/').TrimEnd('/');
        var last = name[(name.LastIndexOf('/') + 1)..];
        return _projects
            .Where(p => p != "." && Names(Name(p), last))
            .OrderByDescending(p => Name(p).Length).ThenByDescending(p => p.Length).FirstOrDefault();
    }

    private static bool Names(string project, string experiment) =>
        string.Equals(project, experiment, StringComparison.OrdinalIgnoreCase)
        || (experiment.Length > project.Length && experiment.StartsWith(project, StringComparison.OrdinalIgnoreCase) && experiment[project.Length] is '-' or '_' or '.' or ' ');

    private static string Name(string project) => project[(project.LastIndexOf('/') + 1)..];

    private static string Normalize(string project)
    {
        var p = project.Replace('\\', '/').Trim('/');
        while (p.StartsWith("./", StringComparison.Ordinal))
        {
            p = p[2..];
        }

        return p.Length == 0 ? "." : p;
    }
}
