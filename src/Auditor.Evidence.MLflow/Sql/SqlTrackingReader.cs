using System.Data.Common;
using Auditor.Core.Tracking;
using Auditor.Evidence.MLflow.FileStore;

namespace Auditor.Evidence.MLflow.Sql;

/// <summary>
/// Reads the tracking tables of a SQL store of any schema generation (MLflow 1.x to 3.x). Aggregation
/// happens in SQL: metric histories are summarised by the database, not pulled row by row.
/// </summary>
internal sealed class SqlTrackingReader(DbConnection connection, SqlSchema schema, ISqlDialect dialect)
{
    private const double MaxDouble = 1.7976931348623157e308;

    public IReadOnlyList<Experiment> Experiments()
    {
        var tags = schema.Has("experiment_tags")
            ? Grouped("SELECT experiment_id, \"key\", \"value\" FROM experiment_tags")
            : [];
        var creation = SqlRows.ColumnOr(schema, "experiments", "creation_time", "NULL");
        return SqlRows.Query(connection, $"SELECT experiment_id, name, artifact_location, lifecycle_stage, {creation} FROM experiments ORDER BY experiment_id", r =>
        {
            var id = r.Text(0)!;
            return new Experiment
            {
                Id = id,
                Name = r.Text(1) ?? "",
                ArtifactLocation = r.Text(2),
                Lifecycle = FileRunReader.ParseLifecycle(r.Text(3)),
                CreationTime = r.Time(4),
                Tags = tags.GetValueOrDefault(id) ?? new Dictionary<string, string>(),
            };
        });
    }

    public IReadOnlyList<Run> Runs()
    {
        var tags = Grouped("SELECT run_uuid, \"key\", \"value\" FROM tags");
        var parameters = Grouped("SELECT run_uuid, \"key\", \"value\" FROM params");
        var metrics = MetricSummaries();
        var datasets = DatasetInputs();
        var outputs = OutputModels();
        var modelInputs = InputModels();
        return SqlRows.Query(connection, "SELECT run_uuid, experiment_id, name, status, lifecycle_stage, start_time, end_time, user_id, artifact_uri FROM runs ORDER BY experiment_id, start_time, run_uuid", r =>
        {
            var id = r.Text(0)!;
            var runTags = tags.GetValueOrDefault(id) ?? new Dictionary<string, string>();
            return new Run
            {
                Id = id,
                ExperimentId = r.Text(1)!,
                Name = string.IsNullOrEmpty(r.Text(2)) ? runTags.GetValueOrDefault(SystemTags.RunName) : r.Text(2),
                Status = FileRunReader.ParseStatus(r.Text(3)),
                Lifecycle = FileRunReader.ParseLifecycle(r.Text(4)),
                StartTime = r.Time(5),
                EndTime = r.Time(6),
                UserId = string.IsNullOrEmpty(r.Text(7)) ? runTags.GetValueOrDefault(SystemTags.User) : r.Text(7),
                ArtifactUri = r.Text(8),
                Tags = runTags,
                Params = parameters.GetValueOrDefault(id) ?? new Dictionary<string, string>(),
                Metrics = metrics.GetValueOrDefault(id) ?? new Dictionary<string, MetricSummary>(),
                Datasets = datasets.GetValueOrDefault(id) ?? [],
                OutputModelIds = outputs.GetValueOrDefault(id) ?? [],
                InputModelIds = modelInputs.GetValueOrDefault(id) ?? [],
            };
        });
    }

    /// <summary>Metric summaries per run, computed by the database; the latest value from <c>latest_metrics</c>.</summary>
    private Dictionary<string, Dictionary<string, MetricSummary>> MetricSummaries()
    {
        var step = SqlRows.ColumnOr(schema, "metrics", "step", "0");
        var isNan = schema.Has("metrics", "is_nan") ? dialect.IsNan("is_nan") : "1 = 0";
        var finite = $"NOT ({isNan}) AND ABS(\"value\") < {MaxDouble:R}";
        var latest = LatestValues();
        var sql = $"SELECT run_uuid, \"key\", COUNT(*), COUNT(DISTINCT {step}), " +
                  $"MIN(CASE WHEN {finite} THEN \"value\" END), MAX(CASE WHEN {finite} THEN \"value\" END), " +
                  $"SUM(CASE WHEN {finite} THEN 0 ELSE 1 END) FROM metrics GROUP BY run_uuid, \"key\"";
        var result = new Dictionary<string, Dictionary<string, MetricSummary>>(StringComparer.Ordinal);
        foreach (var (run, summary) in SqlRows.Query(connection, sql, r => (r.Text(0)!, new MetricSummary
                 {
                     Key = r.Text(1)!,
                     Count = (int)(r.Long(2) ?? 0),
                     Steps = (int)(r.Long(3) ?? 0),
                     Min = r.Double(4) ?? double.NaN,
                     Max = r.Double(5) ?? double.NaN,
                     HasNonFinite = (r.Long(6) ?? 0) > 0,
                 })))
        {
            var last = latest.TryGetValue((run, summary.Key), out var value) ? value : double.NaN;
            (result.TryGetValue(run, out var map) ? map : result[run] = new(StringComparer.Ordinal))[summary.Key] = summary with { Last = last };
        }

        return result;
    }

    private Dictionary<(string Run, string Key), double> LatestValues()
    {
        if (!schema.Has("latest_metrics"))
        {
            return [];
        }

        var isNan = schema.Has("latest_metrics", "is_nan") ? dialect.IsNan("is_nan") : "1 = 0";
        return SqlRows.Query(connection, $"SELECT run_uuid, \"key\", \"value\", CASE WHEN {isNan} THEN 1 ELSE 0 END FROM latest_metrics", r =>
                (Run: r.Text(0)!, Key: r.Text(1)!, Value: r.Long(3) == 1 ? double.NaN : Decode(r.Double(2) ?? double.NaN)))
            .ToDictionary(x => (x.Run, x.Key), x => x.Value);
    }

    /// <summary>MLflow stores infinities as ±DBL_MAX; they are read back as infinities.</summary>
    private static double Decode(double value) =>
        value >= MaxDouble ? double.PositiveInfinity : value <= -MaxDouble ? double.NegativeInfinity : value;

    private Dictionary<string, List<DatasetInput>> DatasetInputs()
    {
        if (!schema.Has("inputs") || !schema.Has("datasets"))
        {
            return [];
        }

        var context = schema.Has("input_tags")
            ? "(SELECT t.\"value\" FROM input_tags t WHERE t.input_uuid = i.input_uuid AND t.name = 'mlflow.data.context')"
            : "NULL";
        var sql = "SELECT i.destination_id, d.name, d.digest, d.dataset_source_type, d.dataset_source, " + context +
                  " FROM inputs i JOIN datasets d ON d.dataset_uuid = i.source_id WHERE i.source_type = 'DATASET' AND i.destination_type = 'RUN'";
        return SqlRows.Query(connection, sql, r => (Run: r.Text(0)!, Input: new DatasetInput
            {
                Name = r.Text(1) ?? "",
                Digest = r.Text(2) ?? "",
                SourceType = r.Text(3),
                Source = r.Text(4),
                Context = r.Text(5),
            }))
            .GroupBy(x => x.Run, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Input).ToList(), StringComparer.Ordinal);
    }

    private Dictionary<string, List<string>> OutputModels() =>
        !schema.Has("inputs")
            ? []
            : SqlRows.Query(connection, "SELECT source_id, destination_id FROM inputs WHERE source_type = 'RUN_OUTPUT' AND destination_type = 'MODEL_OUTPUT'", r => (Run: r.Text(0)!, Model: r.Text(1)!))
                .GroupBy(x => x.Run, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(x => x.Model).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);

    /// <summary>3.x model inputs: rows <c>RUN_INPUT</c> (run) to <c>MODEL_INPUT</c> (model id).</summary>
    private Dictionary<string, List<string>> InputModels() =>
        !schema.Has("inputs")
            ? []
            : SqlRows.Query(connection, "SELECT source_id, destination_id FROM inputs WHERE source_type = 'RUN_INPUT' AND destination_type = 'MODEL_INPUT'", r => (Run: r.Text(0)!, Model: r.Text(1)!))
                .GroupBy(x => x.Run, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(x => x.Model).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);

    /// <summary>Runs a (owner, key, value) query into a dictionary per owner.</summary>
    internal Dictionary<string, Dictionary<string, string>> Grouped(string sql)
    {
        var result = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (owner, key, value) in SqlRows.Query(connection, sql, r => (r.Text(0)!, r.Text(1)!, r.Text(2) ?? "")))
        {
            (result.TryGetValue(owner, out var map) ? map : result[owner] = new(StringComparer.Ordinal))[key] = value;
        }

        return result;
    }
}
