using System.Data.Common;
using Auditor.Core.Tracking;

namespace Auditor.Evidence.MLflow.Sql;

/// <summary>
/// Metric summaries aggregated by the database server (one GROUP BY over the history, joined to the latest values),
/// streamed into one compact map per run: a remote store sends a row per (run, key), never every point.
/// </summary>
internal sealed class SqlMetricAggregation(DbConnection connection, SqlSchema schema, ISqlDialect dialect, StringPool pool) : IMetricSummaries
{
    /// <summary>Runs on the reader's connection before the other queries (a connection serves one query at a time).</summary>
    public Task<Dictionary<string, IReadOnlyDictionary<string, MetricSummary>>> Start() => Task.FromResult(Read());

    private Dictionary<string, IReadOnlyDictionary<string, MetricSummary>> Read()
    {
        var step = SqlRows.ColumnOr(schema, "metrics", "step", "0");
        var isNan = schema.Has("metrics", "is_nan") ? dialect.IsNan("is_nan") : "1 = 0";
        var finite = $"NOT ({isNan}) AND ABS(\"value\") < {MetricSeries.MaxDouble:R}";
        var sql = $"SELECT g.run_uuid, g.\"key\", g.points, g.steps, g.low, g.high, g.non_finite, l.\"value\", l.nan FROM " +
                  $"(SELECT run_uuid, \"key\", COUNT(*) AS points, COUNT(DISTINCT {step}) AS steps, " +
                  $"MIN(CASE WHEN {finite} THEN \"value\" END) AS low, MAX(CASE WHEN {finite} THEN \"value\" END) AS high, " +
                  $"SUM(CASE WHEN {finite} THEN 0 ELSE 1 END) AS non_finite FROM metrics GROUP BY run_uuid, \"key\") g " +
                  $"LEFT JOIN {LatestValues()} l ON l.run_uuid = g.run_uuid AND l.\"key\" = g.\"key\"";
        var result = new Dictionary<string, IReadOnlyDictionary<string, MetricSummary>>(StringComparer.Ordinal);
        var pending = new List<KeyValuePair<string, MetricSummary>>();
        string? current = null;
        using (var command = connection.CreateCommand())
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
                var key = pool.Get(r.GetString(1));
                pending.Add(new(key, new MetricSummary
                {
                    Key = key,
                    Count = (int)(r.Long(2) ?? 0),
                    Steps = (int)(r.Long(3) ?? 0),
                    Min = r.Double(4) ?? double.NaN,
                    Max = r.Double(5) ?? double.NaN,
                    HasNonFinite = (r.Long(6) ?? 0) > 0,
                    Last = r.Long(8) == 1 ? double.NaN : MetricSeries.Decode(r.Double(7) ?? double.NaN),
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
}
