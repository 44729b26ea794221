using Auditor.Core.Tracking;

namespace Auditor.Evidence.MLflow.FileStore;

/// <summary>Reads an MLflow 3.x logged model folder (<c>&lt;exp&gt;/models/m-.../</c>).</summary>
internal static class FileLoggedModelReader
{
    private static readonly string[] StatusNames = ["UNSPECIFIED", "PENDING", "READY", "FAILED"];

    public static LoggedModel Read(string folder, string experimentId, ProblemLog problems)
    {
        var meta = YamlMap.Load(Path.Combine(folder, FileStoreLayout.Meta));
        var parameters = new Dictionary<string, string>(meta.Strings("params"), StringComparer.Ordinal);
        foreach (var (key, value) in ValueFolder.Read(Path.Combine(folder, FileStoreLayout.Params)))
        {
            parameters[key] = value;
        }

        return new LoggedModel
        {
            Id = meta.String("model_id") ?? Path.GetFileName(folder),
            ExperimentId = experimentId,
            Name = meta.String("name"),
            SourceRunId = meta.String("source_run_id"),
            ArtifactLocation = meta.String("artifact_location"),
            Status = meta.Int("status") is { } s && s >= 0 && s < StatusNames.Length ? StatusNames[s] : meta.String("status"),
            Lifecycle = FileRunReader.ParseLifecycle(meta.String("lifecycle_stage")),
            Params = parameters,
            Tags = ValueFolder.Read(Path.Combine(folder, FileStoreLayout.Tags)),
            Metrics = ReadMetrics(Path.Combine(folder, FileStoreLayout.Metrics), problems),
        };
    }

    /// <summary>Logged-model metric lines: "timestamp value step run_id [dataset_name dataset_digest]".</summary>
    private static IReadOnlyDictionary<string, MetricSummary> ReadMetrics(string folder, ProblemLog problems)
    {
        var metrics = new Dictionary<string, MetricSummary>(StringComparer.Ordinal);
        foreach (var (key, file) in ValueFolder.Files(folder))
        {
            var builder = new MetricSummaryBuilder(key);
            foreach (var line in File.ReadLines(file))
            {
                var fields = line.Trim().Split(' ');
                if (fields.Length is 4 or 6
                    && long.TryParse(fields[0], out var timestamp)
                    && MetricSummaryBuilder.TryParseValue(fields[1], out var value)
                    && long.TryParse(fields[2], out var step))
                {
                    builder.Add(timestamp, value, step);
                }
                else if (line.Trim().Length > 0)
                {
                    problems.Add(file, "not a logged-model metric line (expected 'timestamp value step run_id')");
                }
            }

            metrics[key] = builder.Build();
        }

        return metrics;
    }
}
