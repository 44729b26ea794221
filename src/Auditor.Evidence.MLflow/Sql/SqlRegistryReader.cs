using System.Data.Common;
using Auditor.Core.Tracking;

namespace Auditor.Evidence.MLflow.Sql;

/// <summary>Reads the model registry tables and MLflow 3.x logged models of a SQL store.</summary>
internal sealed class SqlRegistryReader(DbConnection connection, SqlSchema schema, ISqlDialect dialect, SqlTrackingReader grouping)
{
    private static readonly string[] LoggedModelStatus = ["UNSPECIFIED", "PENDING", "READY", "FAILED"];

    /// <summary>Registered models and prompts alike (see <see cref="PromptRegistry"/>).</summary>
    public IReadOnlyList<RegisteredModel> RegisteredModels()
    {
        if (!schema.Has("registered_models"))
        {
            return [];
        }

        var modelTags = schema.Has("registered_model_tags") ? grouping.Grouped("SELECT name, \"key\", \"value\" FROM registered_model_tags") : [];
        var versionTags = schema.Has("model_version_tags")
            ? grouping.Grouped($"SELECT {dialect.Concat("name", "'/'", "version")}, \"key\", \"value\" FROM model_version_tags")
            : [];
        var aliases = schema.Has("registered_model_aliases")
            ? SqlRows.Query(connection, "SELECT name, alias, version FROM registered_model_aliases", r => (Model: r.Text(0)!, Alias: r.Text(1)!, Version: (int)(r.Long(2) ?? 0)))
            : [];
        var versions = Versions(versionTags, aliases);

        // Ordered here, not by ORDER BY: MySQL's default collations (and PostgreSQL's locales) ignore case.
        return SqlRows.Query(connection, "SELECT name, description, creation_time FROM registered_models", r =>
            {
                var name = r.Text(0)!;
                return new RegisteredModel
                {
                    Name = name,
                    Description = r.Text(1),
                    CreationTime = r.Time(2),
                    Tags = modelTags.GetValueOrDefault(name) ?? new Dictionary<string, string>(),
                    Aliases = aliases.Where(a => a.Model == name).ToDictionary(a => a.Alias, a => a.Version, StringComparer.Ordinal),
                    Versions = versions.GetValueOrDefault(name) ?? [],
                };
            })
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .ToList();
    }

    private Dictionary<string, List<ModelVersion>> Versions(
        Dictionary<string, IReadOnlyDictionary<string, string>> tags,
        List<(string Model, string Alias, int Version)> aliases)
    {
        var runLink = SqlRows.ColumnOr(schema, "model_versions", "run_link", "NULL");
        var storage = SqlRows.ColumnOr(schema, "model_versions", "storage_location", "NULL");
        var sql = $"SELECT name, version, current_stage, status, source, run_id, {runLink}, {storage}, user_id, description, creation_time " +
                  "FROM model_versions WHERE current_stage IS NULL OR current_stage <> 'Deleted_Internal' ORDER BY name, version";
        return SqlRows.Query(connection, sql, r =>
            {
                var name = r.Text(0)!;
                var version = (int)(r.Long(1) ?? 0);
                var source = r.Text(4);
                return new ModelVersion
                {
                    ModelName = name,
                    Version = version,
                    Stage = r.Text(2) ?? "None",
                    Status = r.Text(3),
                    Source = source,
                    RunId = string.IsNullOrEmpty(r.Text(5)) ? null : r.Text(5),
                    RunLink = r.Text(6),
                    StorageLocation = r.Text(7),
                    ModelId = LoggedModelIds.FromSource(source),
                    UserId = r.Text(8),
                    Description = r.Text(9),
                    CreationTime = r.Time(10),
                    Tags = tags.GetValueOrDefault($"{name}/{version}") ?? new Dictionary<string, string>(),
                    Aliases = aliases.Where(a => a.Model == name && a.Version == version).Select(a => a.Alias).Order(StringComparer.Ordinal).ToList(),
                };
            })
            .GroupBy(v => v.ModelName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
    }

    public IReadOnlyList<LoggedModel> LoggedModels()
    {
        if (!schema.Has("logged_models"))
        {
            return [];
        }

        var parameters = schema.Has("logged_model_params") ? grouping.Grouped("SELECT model_id, param_key, param_value FROM logged_model_params") : [];
        var tags = schema.Has("logged_model_tags") ? grouping.Grouped("SELECT model_id, tag_key, tag_value FROM logged_model_tags") : [];
        var metrics = schema.Has("logged_model_metrics") ? LoggedModelMetrics() : [];
        return SqlRows.Query(connection, "SELECT model_id, experiment_id, name, source_run_id, artifact_location, status, lifecycle_stage FROM logged_models ORDER BY creation_timestamp_ms, model_id", r =>
        {
            var id = r.Text(0)!;
            var status = r.Long(5);
            return new LoggedModel
            {
                Id = id,
                ExperimentId = r.Text(1)!,
                Name = r.Text(2),
                SourceRunId = r.Text(3),
                ArtifactLocation = r.Text(4),
                Status = status is >= 0 and < 4 ? LoggedModelStatus[status.Value] : r.Text(5),
                Lifecycle = FileStore.FileRunReader.ParseLifecycle(r.Text(6)),
                Params = parameters.GetValueOrDefault(id) ?? new Dictionary<string, string>(),
                Tags = tags.GetValueOrDefault(id) ?? new Dictionary<string, string>(),
                Metrics = metrics.GetValueOrDefault(id) ?? new Dictionary<string, MetricSummary>(),
            };
        });
    }

    private Dictionary<string, Dictionary<string, MetricSummary>> LoggedModelMetrics()
    {
        var result = new Dictionary<string, Dictionary<string, MetricSummary>>(StringComparer.Ordinal);
        var rows = SqlRows.Query(connection, "SELECT model_id, metric_name, metric_timestamp_ms, metric_value, metric_step FROM logged_model_metrics", r =>
            (Model: r.Text(0)!, Key: r.Text(1)!, Timestamp: r.Long(2) ?? 0, Value: r.Double(3) ?? double.NaN, Step: r.Long(4) ?? 0));
        foreach (var group in rows.GroupBy(x => (x.Model, x.Key)))
        {
            var builder = new MetricSummaryBuilder(group.Key.Key);
            foreach (var point in group)
            {
                builder.Add(point.Timestamp, point.Value, point.Step);
            }

            (result.TryGetValue(group.Key.Model, out var map) ? map : result[group.Key.Model] = new(StringComparer.Ordinal))[group.Key.Key] = builder.Build();
        }

        return result;
    }
}
