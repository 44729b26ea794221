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
        string? root = null)
    {
        var tracking = new SqlTrackingReader(connection, schema, grouped, metricSummaries);
        var registry = new SqlRegistryReader(connection, schema, dialect, tracking);
        var problems = new ProblemLog();
        var (models, prompts) = PromptRegistry.Split(registry.RegisteredModels());
        return new TrackingStore
        {
            Kind = kind,
            Uri = redactedUri,
            Root = root,
            SchemaRevision = schema.AlembicRevision,
            Experiments = tracking.Experiments(),
            Runs = tracking.Runs(),
            RegisteredModels = models,
            LoggedModels = registry.LoggedModels(),
            GenAi = new SqlGenAiReader(connection, schema, tracking).Read(prompts, problems),
            Problems = problems.ToList(),
        };
    }
}
