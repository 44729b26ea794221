using System.Data.Common;
using Auditor.Core.Tracking;
using Auditor.Evidence.MLflow.FileStore;

namespace Auditor.Evidence.MLflow.Sql;

/// <summary>
/// Reads the tracking tables of a SQL store of any schema generation (MLflow 1.x to 3.x). Aggregation
/// happens in SQL: metric histories are summarised by the database, not pulled row by row.
/// </summary>
/// <remarks>
/// When a second connection can be opened, the metric history (by far the largest table) is scanned on it in
/// parallel with the other queries: both cores help.
/// </remarks>
internal sealed class SqlTrackingReader(DbConnection connection, SqlSchema schema, ISqlDialect dialect, Func<DbConnection>? openAnother = null)
{
    private readonly StringPool _pool = new();

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
        using var second = openAnother?.Invoke();
        var metricsTask = second is null ? Task.FromResult(MetricSummaries(connection)) : Task.Run(() => MetricSummaries(second));
        var tags = Grouped("SELECT run_uuid, \"key\", \"value\" FROM tags");
        var parameters = Grouped("SELECT run_uuid, \"key\", \"value\" FROM params");
        var datasets = DatasetInputs();
        var outputs = OutputModels();
        var modelInputs = InputModels();
        var metrics = metricsTask.GetAwaiter().GetResult();
        return SqlRows.Query(connection, "SELECT run_uuid, experiment_id, name, status, lifecycle_stage, start_time, end_time, user_id, artifact_uri FROM runs ORDER BY experiment_id, start_time, run_uuid", r =>
        {
            var id = r.Text(0)!;
            var runTags = tags.GetValueOrDefault(id) ?? CompactMap<string>.Empty;
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
                Params = parameters.GetValueOrDefault(id) ?? CompactMap<string>.Empty,
                Metrics = metrics.GetValueOrDefault(id) ?? CompactMap<MetricSummary>.Empty,
                Datasets = datasets.GetValueOrDefault(id) ?? [],
                OutputModelIds = outputs.GetValueOrDefault(id) ?? [],
                InputModelIds = modelInputs.GetValueOrDefault(id) ?? [],
            };
        });
    }

    /// <summary>
    /// Metric summaries per run, aggregated by the database (one GROUP BY over the history) and joined to the latest
    /// values, streamed into one compact map per run; runs on its own connection in parallel with the other queries.
    /// </summary>
    private Dictionary<string, IReadOnlyDictionary<string, MetricSummary>> MetricSummaries(DbConnection db)
    {
        var step = SqlRows.ColumnOr(schema, "metrics", "step", "0");
        var isNan = schema.Has("metrics", "is_nan") ? dialect.IsNan("is_nan") : "1 = 0";
        var finite = $"NOT ({isNan}) AND ABS(\"value\") < {MaxDouble:R}";
        var sql = $"SELECT g.run_uuid, g.\"key\", g.points, g.steps, g.low, g.high, g.non_finite, l.\"value\", l.nan FROM " +
                  $"(SELECT run_uuid, \"key\", COUNT(*) AS points, COUNT(DISTINCT {step}) AS steps, " +
                  $"MIN(CASE WHEN {finite} THEN \"value\" END) AS low, MAX(CASE WHEN {finite} THEN \"value\" END) AS high, " +
                  $"SUM(CASE WHEN {finite} THEN 0 ELSE 1 END) AS non_finite FROM metrics GROUP BY run_uuid, \"key\") g " +
                  $"LEFT JOIN {LatestValues()} l ON l.run_uuid = g.run_uuid AND l.\"key\" = g.\"key\"";
        var result = new Dictionary<string, IReadOnlyDictionary<string, MetricSummary>>(StringComparer.Ordinal);
        var pending = new List<KeyValuePair<string, MetricSummary>>();
        string? current = null;
        using (var command = db.CreateCommand())
        {
            command.CommandText = sql;
            using var r = command.ExecuteReader();
            while (r.Read())
            {
                var run = r.GetString(0);
                if (current is not null && !string.Equals(run, current, StringComparison.Ordinal))
                {
                    Flush(result, current, pending);
                }

                current = run;
                var key = _pool.Get(r.GetString(1));
                pending.Add(new(key, new MetricSummary
                {
                    Key = key,
                    Count = (int)(r.Long(2) ?? 0),
                    Steps = (int)(r.Long(3) ?? 0),
                    Min = r.Double(4) ?? double.NaN,
                    Max = r.Double(5) ?? double.NaN,
                    HasNonFinite = (r.Long(6) ?? 0) > 0,
                    Last = r.Long(8) == 1 ? double.NaN : Decode(r.Double(7) ?? double.NaN),
                }));
            }
        }

        if (current is not null)
        {
            Flush(result, current, pending);
        }

        return result;
    }

    /// <summary>GROUP BY returns a run's keys together; a run seen again (another database's order) is merged.</summary>
    private static void Flush(Dictionary<string, IReadOnlyDictionary<string, MetricSummary>> result, string run, List<KeyValuePair<string, MetricSummary>> pending)
    {
        if (result.TryGetValue(run, out var earlier))
        {
            pending.InsertRange(0, earlier);
        }

        result[run] = new CompactMap<MetricSummary>(pending);
        pending.Clear();
    }

    /// <summary>
    /// The latest value per (run, key) as a joinable table: <c>latest_metrics</c>, or before revision 6 (MLflow 1.3)
    /// MLflow's rule computed from the history, max by (step, timestamp, value).
    /// </summary>
    private string LatestValues()
    {
        if (schema.Has("latest_metrics"))
        {
            var latestNan = schema.Has("latest_metrics", "is_nan") ? $"CASE WHEN {dialect.IsNan("is_nan")} THEN 1 ELSE 0 END" : "0";
            return $"(SELECT run_uuid, \"key\", \"value\", {latestNan} AS nan FROM latest_metrics)";
        }

        var step = SqlRows.ColumnOr(schema, "metrics", "step", "0");
        var nan = schema.Has("metrics", "is_nan") ? $"CASE WHEN {dialect.IsNan("is_nan")} THEN 1 ELSE 0 END" : "0";
        return $"(SELECT run_uuid, \"key\", \"value\", nan FROM (SELECT run_uuid, \"key\", \"value\", {nan} AS nan, ROW_NUMBER() OVER " +
               $"(PARTITION BY run_uuid, \"key\" ORDER BY {step} DESC, \"timestamp\" DESC, \"value\" DESC) AS position FROM metrics) ranked WHERE position = 1)";
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

    /// <summary>Runs a (owner, key, value) query into a compact map per owner; keys and short values are pooled.</summary>
    internal Dictionary<string, IReadOnlyDictionary<string, string>> Grouped(string sql)
    {
        var result = new Dictionary<string, List<KeyValuePair<string, string>>>(StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            string? lastOwner = null;
            List<KeyValuePair<string, string>>? entries = null;
            while (reader.Read())
            {
                var owner = reader.Text(0)!;
                if (entries is null || !string.Equals(owner, lastOwner, StringComparison.Ordinal))
                {
                    entries = result.TryGetValue(owner, out var found) ? found : result[owner] = [];
                    lastOwner = owner;
                }

                entries.Add(new(_pool.Get(reader.Text(1)!), _pool.Get(reader.Text(2) ?? "")));
            }
        }

        return result.ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, string>)new CompactMap<string>(g.Value), StringComparer.Ordinal);
    }
}
