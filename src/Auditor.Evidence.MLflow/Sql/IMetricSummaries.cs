using Auditor.Core.Tracking;

namespace Auditor.Evidence.MLflow.Sql;

/// <summary>
/// How a SQL store's metric history (by far its largest table) becomes per-run summaries: aggregated by a database
/// server, or scanned in-process for SQLite.
/// </summary>
internal interface IMetricSummaries
{
    /// <summary>Starts summarising; the result maps run id to key to summary.</summary>
    Task<Dictionary<string, IReadOnlyDictionary<string, MetricSummary>>> Start();
}
