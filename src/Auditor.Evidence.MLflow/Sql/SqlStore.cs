using System.Data.Common;
using Auditor.Core.Tracking;

namespace Auditor.Evidence.MLflow.Sql;

/// <summary>What every SQL backend does the same way once connected: read the tracking tables and the registry into a store.</summary>
internal static class SqlStore
{
    public static TrackingStore Read(
        DbConnection connection,
        SqlSchema schema,
        ISqlDialect dialect,
        IGroupedQuery grouped,
        Func<StringPool, IMetricSummaries> metricSummaries,
        TrackingStoreKind kind,
        string redactedUri,
        string? root = null,
        Func<(DbConnection Connection, IGroupedQuery Grouped)>? genAiConnection = null,
        Func<SqliteScanConnection>? openScan = null)
    {
        // Where a second connection can be had (SQLite, in process), the GenAI tables are read on it while the
        // tracking tables are read on this one: counting 100,000 traces and their assessments is a few hundred ms of work.
        var problems = new ProblemLog();
        var genai = genAiConnection is null
            ? null
            : Task.Run(() =>
            {
                var (own, ownGrouped) = genAiConnection();
                using (own)
                {
                    return new SqlGenAiReader(own, schema, ownGrouped, openScan).Read(problems);
                }
            });
        var tracking = new SqlTrackingReader(connection, schema, grouped, metricSummaries);
        var registry = new SqlRegistryReader(connection, schema, dialect, tracking);
        var (models, prompts) = PromptRegistry.Split(registry.RegisteredModels());
        var experiments = tracking.Experiments();
        var runs = tracking.Runs();
        var loggedModels = registry.LoggedModels();
        var genAi = genai?.GetAwaiter().GetResult() ?? new SqlGenAiReader(connection, schema, grouped).Read(problems);
        return new TrackingStore
        {
            Kind = kind,
            Uri = redactedUri,
            Root = root,
            SchemaRevision = schema.AlembicRevision,
            Experiments = experiments,
            Runs = runs,
            RegisteredModels = models,
            LoggedModels = loggedModels,
            GenAi = genAi with { Prompts = prompts },
            Problems = problems.ToList(),
        };
    }
}
