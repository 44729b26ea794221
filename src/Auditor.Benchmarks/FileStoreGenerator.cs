using System.Text;

namespace Auditor.Benchmarks;

/// <summary>
/// Writes a file store as MLflow 2.17 writes it (mlflow/store/tracking/file_store.py): experiment and run
/// meta.yaml with sorted keys, one file per param and tag without trailing newline, one "timestamp value step"
/// line per metric point. Experiments are written in parallel.
/// </summary>
internal sealed class FileStoreGenerator(string output) : IStoreGenerator
{
    public void Write(SyntheticShape shape)
    {
        var root = Path.GetFullPath(Path.Combine(output, "mlruns"));
        WriteExperiment(root, "0", "Default");
        Parallel.For(0, shape.Experiments, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, e =>
        {
            var id = (100_000_000_000_000_000L + (e * 7_919_000_001L)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var folder = WriteExperiment(root, id, $"taxi-scale-{e:000}");
            foreach (var run in shape.RunsOf(e))
            {
                WriteRun(folder, id, run);
            }
        });
    }

    private static string WriteExperiment(string root, string id, string name)
    {
        var folder = Path.Combine(root, id);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "meta.yaml"),
            $"artifact_location: file://{folder}\ncreation_time: 1795753523716\nexperiment_id: '{id}'\nlast_update_time: 1795753523716\nlifecycle_stage: active\nname: {name}\n");
        return folder;
    }

    private static void WriteRun(string experimentFolder, string experimentId, SyntheticRun run)
    {
        var folder = Path.Combine(experimentFolder, run.Id);
        Directory.CreateDirectory(Path.Combine(folder, "artifacts"));
        var status = run.Status switch { "FINISHED" => 3, "FAILED" => 4, _ => 5 };
        File.WriteAllText(Path.Combine(folder, "meta.yaml"),
            $"artifact_uri: file://{folder}/artifacts\nend_time: {run.EndTime}\nentry_point_name: ''\nexperiment_id: '{experimentId}'\n" +
            $"lifecycle_stage: active\nrun_id: {run.Id}\nrun_name: {run.Name}\nrun_uuid: {run.Id}\nsource_name: ''\nsource_type: 4\n" +
            $"source_version: ''\nstart_time: {run.StartTime}\nstatus: {status}\ntags: []\nuser_id: {run.User}\n");
        WriteValues(Path.Combine(folder, "params"), run.Params);
        WriteValues(Path.Combine(folder, "tags"), run.Tags);
        var metrics = Directory.CreateDirectory(Path.Combine(folder, "metrics")).FullName;
        foreach (var (key, points) in run.Metrics)
        {
            var text = new StringBuilder();
            foreach (var (timestamp, value, step) in points)
            {
                text.Append(timestamp).Append(' ').Append(SyntheticRun.FormatValue(value)).Append(' ').Append(step).Append('\n');
            }

            File.WriteAllText(Path.Combine(metrics, key), text.ToString());
        }
    }

    private static void WriteValues(string folder, IReadOnlyList<(string Key, string Value)> values)
    {
        Directory.CreateDirectory(folder);
        foreach (var (key, value) in values)
        {
            File.WriteAllText(Path.Combine(folder, key), value);
        }
    }
}
