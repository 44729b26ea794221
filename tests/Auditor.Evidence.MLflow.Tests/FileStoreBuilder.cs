using Auditor.Testing;

namespace Auditor.Evidence.MLflow.Tests;

/// <summary>
/// Writes file stores in the formats MLflow versions wrote (spec §2): meta.yaml text given verbatim, one file per
/// value, keys with '/' as nested folders, metric lines as given. For formats the real fixtures lack.
/// </summary>
internal sealed class FileStoreBuilder : IDisposable
{
    private readonly TempFolder _folder = new();

    public FileStoreBuilder() => Directory.CreateDirectory(Root);

    /// <summary>The project folder holding <c>mlruns/</c>.</summary>
    public string Project => _folder.Path;

    public string Root => Path.Combine(_folder.Path, "mlruns");

    public string Experiment(string id, string name, string lifecycle = "active", bool trashed = false)
    {
        var folder = Path.Combine(Root, trashed ? ".trash" : "", id);
        Write(Path.Combine(folder, "meta.yaml"),
            $"artifact_location: /home/alice/projects/old/mlruns/{id}\nexperiment_id: '{id}'\nlifecycle_stage: {lifecycle}\nname: {name}\n");
        return folder;
    }

    /// <summary>A run folder with the given meta.yaml text; returns the folder.</summary>
    public string Run(string experimentFolder, string runId, string meta)
    {
        var folder = Path.Combine(experimentFolder, runId);
        Write(Path.Combine(folder, "meta.yaml"), meta);
        return folder;
    }

    public FileStoreBuilder Value(string runFolder, string kind, string key, string content)
    {
        Write(Path.Combine(runFolder, kind, key.Replace('/', Path.DirectorySeparatorChar)), content);
        return this;
    }

    public static void Write(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    /// <summary>Meta.yaml of a 2.x run in experiment <paramref name="experimentId"/>, as file_store.py writes it.</summary>
    public static string RunMeta(string experimentId, string runId, string name = "run", string status = "3", string artifactUri = "") =>
        $"artifact_uri: {(artifactUri.Length > 0 ? artifactUri : $"/home/alice/projects/old/mlruns/{experimentId}/{runId}/artifacts")}\n" +
        $"end_time: 1714000123456\nentry_point_name: ''\nexperiment_id: '{experimentId}'\nlifecycle_stage: active\nrun_id: {runId}\n" +
        $"run_name: {name}\nrun_uuid: {runId}\nsource_name: ''\nsource_type: 4\nsource_version: ''\nstart_time: 1714000000000\n" +
        $"status: {status}\ntags: []\nuser_id: alice\n";

    public Core.Tracking.TrackingStore Read() => FileStore.FileStoreReader.Read(Root, "./mlruns");

    public void Dispose() => _folder.Dispose();
}
