using System.Data.Common;
using Auditor.Core.Tracking;
using Auditor.Evidence.MLflow.FileStore;

namespace Auditor.Evidence.MLflow.Sql;

/// <summary>
/// Reads the tracking tables of a SQL store of any schema generation (MLflow 1.x to 3.x). The metric history is
/// summarised by <see cref="IMetricSummaries"/>, which may run alongside the other queries on its own connections.
/// </summary>
internal sealed class SqlTrackingReader(DbConnection connection, SqlSchema schema, IGroupedQuery grouped, Func<StringPool, IMetricSummaries> metricSummaries)
{
    private readonly StringPool _pool = new();

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
        var metricsTask = metricSummaries(_pool).Start();
        var tags = Grouped("SELECT run_uuid, \"key\", \"value\" FROM tags");
        var parameters = Grouped("SELECT run_uuid, \"key\", \"value\" FROM params");
        var datasets = DatasetInputs();
        var outputs = OutputModels();
        var modelInputs = InputModels();
        // The runs are read while the metric history is still being scanned; its summaries are attached after.
        var runs = SqlRows.Query(connection, "SELECT run_uuid, experiment_id, name, status, lifecycle_stage, start_time, end_time, user_id, artifact_uri FROM runs ORDER BY experiment_id, start_time, run_uuid", r =>
        {
            var id = _pool.Get(r.Text(0)!);
            var runTags = tags.GetValueOrDefault(id) ?? CompactMap<string>.Empty;
            return new Run
            {
                Id = id,
                ExperimentId = _pool.Get(r.Text(1)!),
                Name = string.IsNullOrEmpty(r.Text(2)) ? runTags.GetValueOrDefault(SystemTags.RunName) : r.Text(2),
                Status = FileRunReader.ParseStatus(r.Text(3)),
                Lifecycle = FileRunReader.ParseLifecycle(r.Text(4)),
                StartTime = r.Time(5),
                EndTime = r.Time(6),
                UserId = string.IsNullOrEmpty(r.Text(7)) ? runTags.GetValueOrDefault(SystemTags.User) : r.Text(7),
                ArtifactUri = r.Text(8),
                Tags = runTags,
                Params = parameters.GetValueOrDefault(id) ?? CompactMap<string>.Empty,
                Metrics = CompactMap<MetricSummary>.Empty,
                Datasets = datasets.GetValueOrDefault(id) ?? [],
                OutputModelIds = outputs.GetValueOrDefault(id) ?? [],
                InputModelIds = modelInputs.GetValueOrDefault(id) ?? [],
            };
        });
        var metrics = metricsTask.GetAwaiter().GetResult();
        return runs.Select(run => metrics.TryGetValue(run.Id, out var summaries) ? run with { Metrics = summaries } : run).ToList();
    }

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

    /// <summary>Runs an (owner, key, value) query into a compact map per owner.</summary>
    internal Dictionary<string, IReadOnlyDictionary<string, string>> Grouped(string sql) => grouped.Run(sql, _pool);
}
