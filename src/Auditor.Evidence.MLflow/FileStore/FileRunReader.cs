using Auditor.Core.Tracking;

namespace Auditor.Evidence.MLflow.FileStore;

/// <summary>Reads one run folder: meta.yaml, params, tags, metric files, inputs and outputs.</summary>
internal static class FileRunReader
{
    public static Run Read(string runFolder, string experimentId, IReadOnlyDictionary<string, DatasetRecord> datasets, ProblemLog problems, StringPool pool)
    {
        var meta = FlatYaml.Parse(SmallFile.ReadText(Path.Combine(runFolder, FileStoreLayout.Meta)));
        var id = meta.String("run_id") ?? meta.String("run_uuid") ?? Path.GetFileName(runFolder);
        var tags = ValueFolder.Read(Path.Combine(runFolder, FileStoreLayout.Tags), pool);
        var name = NonEmpty(meta.String("run_name")) ?? NonEmpty(meta.String("name")) ?? tags.GetValueOrDefault(SystemTags.RunName);
        var (datasetInputs, modelInputs) = ReadInputs(Path.Combine(runFolder, FileStoreLayout.Inputs), datasets, problems);
        return new Run
        {
            Id = id,
            ExperimentId = experimentId,
            Name = name,
            Status = ParseStatus(meta.String("status")),
            Lifecycle = ParseLifecycle(meta.String("lifecycle_stage")),
            StartTime = meta.Time("start_time"),
            EndTime = meta.Time("end_time"),
            UserId = NonEmpty(meta.String("user_id")) is { } user ? pool.Get(user) : tags.GetValueOrDefault(SystemTags.User),
            ArtifactUri = meta.String("artifact_uri"),
            Params = ValueFolder.Read(Path.Combine(runFolder, FileStoreLayout.Params), pool),
            Tags = tags,
            Metrics = ReadMetrics(Path.Combine(runFolder, FileStoreLayout.Metrics), problems, pool),
            Datasets = datasetInputs,
            InputModelIds = modelInputs,
            OutputModelIds = SubfolderNames(Path.Combine(runFolder, FileStoreLayout.Outputs)),
        };
    }

    public static RunStatus ParseStatus(string? status) =>
        int.TryParse(status, out var number) && Enum.IsDefined(typeof(RunStatus), number) ? (RunStatus)number
        : Enum.TryParse<RunStatus>(status, ignoreCase: true, out var named) ? named
        : RunStatus.Running;

    public static Lifecycle ParseLifecycle(string? stage) =>
        string.Equals(stage, "deleted", StringComparison.OrdinalIgnoreCase) ? Lifecycle.Deleted : Lifecycle.Active;

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>Metric files hold "timestamp value step [dataset_name dataset_digest]" lines (2, 3 or 5 fields).</summary>
    private static IReadOnlyDictionary<string, MetricSummary> ReadMetrics(string folder, ProblemLog problems, StringPool pool)
    {
        var metrics = new List<KeyValuePair<string, MetricSummary>>();
        foreach (var (key, file) in ValueFolder.Files(folder, pool))
        {
            // One unreadable metric file (binary junk, a runaway size) costs that metric, not the run.
            if (problems.Try(file, () => MetricFile.Read(file, key, problems)) is { } summary)
            {
                metrics.Add(new(key, summary));
            }
        }

        return metrics.Count == 0 ? CompactMap<MetricSummary>.Empty : new CompactMap<MetricSummary>(metrics);
    }

    /// <summary>
    /// Dataset inputs and (3.x) model inputs (<c>source_type: MODEL</c>, <c>source_id: m-...</c>). The run id comes
    /// from the folder, never from the file: MLflow writes the source id into <c>destination_id</c> by mistake.
    /// </summary>
    private static (IReadOnlyList<DatasetInput> Datasets, IReadOnlyList<string> Models) ReadInputs(string folder, IReadOnlyDictionary<string, DatasetRecord> datasets, ProblemLog problems)
    {
        if (!Directory.Exists(folder))
        {
            return ([], []);
        }

        var inputs = new List<DatasetInput>();
        var models = new List<string>();
        foreach (var inputFolder in StoreFolders.Subfolders(folder))
        {
            var metaPath = Path.Combine(inputFolder, FileStoreLayout.Meta);
            var meta = problems.Try(metaPath, () => YamlMap.Load(metaPath));
            if (meta is not null && meta.String("source_type") == "MODEL" && meta.String("source_id") is { Length: > 0 } modelId)
            {
                models.Add(modelId);
            }

            if (meta is null || meta.String("source_type") != "DATASET")
            {
                continue;
            }

            var sourceId = meta.String("source_id") ?? "";
            if (!datasets.TryGetValue(sourceId, out var dataset))
            {
                problems.Add(metaPath, $"dataset {sourceId} is not in the experiment's datasets folder");
                continue;
            }

            inputs.Add(new DatasetInput
            {
                Name = dataset.Name,
                Digest = dataset.Digest,
                SourceType = dataset.SourceType,
                Source = dataset.Source,
                Context = meta.Strings("tags").GetValueOrDefault("mlflow.data.context"),
            });
        }

        models.Sort(StringComparer.Ordinal);
        return (inputs, models);
    }

    private static IReadOnlyList<string> SubfolderNames(string folder) =>
        Directory.Exists(folder)
            ? StoreFolders.Subfolders(folder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList()
            : [];
}
