using Auditor.Core.Tracking;

namespace Auditor.Evidence.MLflow.FileStore;

/// <summary>An experiment folder: its metadata, datasets, and the folders of its runs, logged models and traces.</summary>
internal sealed record ExperimentFolder(
    Experiment Experiment,
    IReadOnlyDictionary<string, DatasetRecord> Datasets,
    IReadOnlyList<string> RunFolders,
    IReadOnlyList<string> ModelFolders,
    IReadOnlyList<string> TraceFolders)
{
    public static ExperimentFolder Read(string folder)
    {
        var meta = YamlMap.Load(Path.Combine(folder, FileStoreLayout.Meta));
        var experiment = new Experiment
        {
            Id = meta.String("experiment_id") ?? Path.GetFileName(folder),
            Name = meta.String("name") ?? "",
            Lifecycle = FileRunReader.ParseLifecycle(meta.String("lifecycle_stage")),
            ArtifactLocation = meta.String("artifact_location"),
            CreationTime = meta.Time("creation_time"),
            Tags = ValueFolder.Read(Path.Combine(folder, FileStoreLayout.Tags)),
        };

        var runFolders = StoreFolders.Subfolders(folder)
            .Where(d => !FileStoreLayout.ReservedExperimentFolders.Contains(Path.GetFileName(d)) && File.Exists(Path.Combine(d, FileStoreLayout.Meta)))
            .ToList();

        var modelsFolder = Path.Combine(folder, FileStoreLayout.Models);
        var modelFolders = Directory.Exists(modelsFolder)
            ? StoreFolders.Subfolders(modelsFolder).Where(d => File.Exists(Path.Combine(d, FileStoreLayout.Meta))).ToList()
            : [];

        var traceFolders = StoreFolders.Subfolders(Path.Combine(folder, FileStoreLayout.Traces), "tr-")
            .Where(d => File.Exists(Path.Combine(d, FileTraceReader.TraceInfo)))
            .ToList();
        return new ExperimentFolder(experiment, ReadDatasets(Path.Combine(folder, FileStoreLayout.Datasets)), runFolders, modelFolders, traceFolders);
    }

    private static IReadOnlyDictionary<string, DatasetRecord> ReadDatasets(string folder)
    {
        var datasets = new Dictionary<string, DatasetRecord>(StringComparer.Ordinal);
        if (!Directory.Exists(folder))
        {
            return datasets;
        }

        foreach (var datasetFolder in StoreFolders.Subfolders(folder))
        {
            var metaPath = Path.Combine(datasetFolder, FileStoreLayout.Meta);
            if (File.Exists(metaPath))
            {
                var meta = YamlMap.Load(metaPath);
                datasets[Path.GetFileName(datasetFolder)] = new DatasetRecord(meta.String("name") ?? "", meta.String("digest") ?? "", meta.String("source_type"), meta.String("source"));
            }
        }

        return datasets;
    }
}
