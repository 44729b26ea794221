using Auditor.Core.Tracking;
using Auditor.Evidence.MLflow.Artifacts;

namespace Auditor.Evidence.MLflow.FileStore;

/// <summary>
/// Reads an MLflow file store (<c>mlruns/</c>) of any MLflow version into the normalized model.
/// Run folders are read in parallel: the file store is bound by syscalls, and both cores help.
/// </summary>
public static class FileStoreReader
{
    /// <summary>
    /// Reads the store at <paramref name="root"/>; <paramref name="artifactRoots"/> are looked in after its own folder.
    /// Model files are read only inside the store, the artifact roots and <paramref name="projectPath"/>.
    /// </summary>
    public static TrackingStore Read(string root, string redactedUri, IReadOnlyList<string>? artifactRoots = null, string? projectPath = null, TrackingReadOptions? options = null)
    {
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"{root}: the file store folder does not exist");
        }

        if (!FileStoreProbe.HasExperimentData(root) && !Directory.Exists(Path.Combine(root, FileStoreLayout.Trash)) && !Directory.Exists(Path.Combine(root, FileStoreLayout.Models)))
        {
            throw new InvalidDataException($"{root}: not an MLflow file store (no numbered experiment folder with a meta.yaml)");
        }

        var problems = new ProblemLog();
        var pool = new StringPool();
        var experiments = ExperimentFolders(root)
            .Select(folder => problems.Try(Path.Combine(folder, FileStoreLayout.Meta), () => ExperimentFolder.Read(folder)))
            .OfType<ExperimentFolder>()
            .ToList();

        var runs = experiments
            .SelectMany(e => e.RunFolders.Select(folder => (Experiment: e, Folder: folder)))
            .AsParallel()
            .Select(x => problems.Try(Path.Combine(x.Folder, FileStoreLayout.Meta), () => FileRunReader.Read(x.Folder, x.Experiment.Experiment.Id, x.Experiment.Datasets, problems, pool)))
            .ToList() // read in parallel, sort sequentially: PLINQ's OrderBy/ThenBy cannot be compiled ahead of time
            .OfType<Run>()
            .OrderBy(r => r.ExperimentId, StringComparer.Ordinal).ThenBy(r => r.StartTime).ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();

        var loggedModels = experiments
            .SelectMany(e => e.ModelFolders.Select(folder => problems.Try(Path.Combine(folder, FileStoreLayout.Meta), () => FileLoggedModelReader.Read(folder, e.Experiment.Id, problems))))
            .OfType<LoggedModel>()
            .ToList();

        var genai = Traces(experiments, problems, pool);
        var (models, prompts) = PromptRegistry.Split(FileRegistryReader.Read(root, problems));

        var store = new TrackingStore
        {
            Kind = TrackingStoreKind.File,
            Uri = redactedUri,
            Root = root,
            Experiments = experiments.Select(e => e.Experiment).ToList(),
            Runs = runs,
            RegisteredModels = models,
            LoggedModels = loggedModels,
            GenAi = genai with { Prompts = prompts, EvaluationDatasetsSupported = false },
        };
        // A deleted experiment's folder moves to .trash, and its artifacts with it.
        string[] roots = [root, Path.Combine(root, FileStoreLayout.Trash), .. artifactRoots ?? []];
        return ModelArtifactLinker.Attach(store, new ArtifactLocator(roots, Path.GetDirectoryName(Path.GetFullPath(root)) ?? root, artifactRoots, [root, .. Trusted(projectPath)]), problems, options);
    }

    /// <summary>
    /// Folds every trace folder into a tally, in parallel with one tally per worker, reading only the small files the counts
    /// need; then reads the newest traces of each experiment (the sample) in full.
    /// </summary>
    private static GenAiEvidence Traces(IReadOnlyList<ExperimentFolder> experiments, ProblemLog problems, StringPool pool)
    {
        var folders = experiments.SelectMany(e => e.TraceFolders.Select(folder => (Experiment: e.Experiment.Id, Folder: folder))).ToList();
        if (folders.Count == 0)
        {
            return GenAiEvidence.Empty;
        }

        var total = new GenAiTally();
        Parallel.ForEach(
            folders,
            () => new GenAiTally(),
            (x, _, tally) =>
            {
                if (problems.Try(Path.Combine(x.Folder, FileTraceReader.TraceInfo), () => Tuple.Create(FileTraceReader.Scan(x.Folder, x.Experiment, problems, pool))) is { Item1: var (trace, assessments) })
                {
                    tally.Add(trace, assessments);
                }

                return tally;
            },
            tally =>
            {
                lock (total)
                {
                    total.Merge(tally);
                }
            });

        var evidence = total.Into(GenAiEvidence.Empty);
        var sample = evidence.RecentTraces.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var folderOf = folders.Where(x => sample.Contains(Path.GetFileName(x.Folder)))
            .GroupBy(x => Path.GetFileName(x.Folder), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var reported = problems.ToList().Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
        var full = evidence.RecentTraces.Select(t => folderOf.TryGetValue(t.Id, out var x) ? InFull(x.Folder, x.Experiment, t) : t).ToList();
        return evidence with { RecentTraces = full };

        // The folder was read once already (a problem the scan reported is not reported twice); should it fail now, the
        // sample keeps what the scan read.
        GenAiTrace InFull(string folder, string experiment, GenAiTrace scanned)
        {
            var found = new ProblemLog();
            try
            {
                return FileTraceReader.InFull(folder, experiment, found, pool);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                return scanned;
            }
            finally
            {
                foreach (var problem in found.ToList().Where(p => reported.Add(p.Path)))
                {
                    problems.Add(problem.Path, problem.Message);
                }
            }
        }
    }

    private static string[] Trusted(string? projectPath) => projectPath is null ? [] : [projectPath];

    private static IEnumerable<string> ExperimentFolders(string root)
    {
        var trash = Path.Combine(root, FileStoreLayout.Trash);
        var active = StoreFolders.Subfolders(root);
        var deleted = Directory.Exists(trash) ? StoreFolders.Subfolders(trash) : [];
        return active.Concat(deleted).Where(d => FileStoreLayout.IsExperimentFolder(Path.GetFileName(d))).Order(StringComparer.Ordinal);
    }
}
