using System.Data;
using Auditor.Core.Tracking;
using Auditor.Evidence.MLflow.Artifacts;
using Npgsql;

namespace Auditor.Evidence.MLflow.Sql;

/// <summary>
/// Reads an MLflow PostgreSQL store with the same introspecting SQL reader as SQLite, inside one
/// READ ONLY repeatable-read transaction (one consistent snapshot; nothing can be written).
/// </summary>
public static class PostgresStoreReader
{
    /// <summary>
    /// Reads the database. It has no folder of its own: model files are found where the recorded paths exist on this
    /// machine, else under <paramref name="artifactRoots"/> (where the store's artifacts were copied or mounted),
    /// and read only inside those roots and <paramref name="projectPath"/>.
    /// </summary>
    public static TrackingStore Read(string uri, string redactedUri, Func<string, string?> environment, IReadOnlyList<string>? artifactRoots = null, string? projectPath = null, TrackingReadOptions? options = null)
    {
        var builder = PostgresConnectionString.Build(uri, environment);
        try
        {
            using var connection = new NpgsqlConnection(builder.ConnectionString);
            connection.Open();
            using var transaction = connection.BeginTransaction(IsolationLevel.RepeatableRead);
            using (var readOnly = connection.CreateCommand())
            {
                // Read only; for this transaction only, sort and hash the metric aggregation in memory, and skip
                // JIT compilation (PostgreSQL 11+), which costs more than it saves on these one-off queries.
                readOnly.CommandText = "SET TRANSACTION READ ONLY; SET LOCAL work_mem = '64MB'" + (connection.PostgreSqlVersion.Major >= 11 ? "; SET LOCAL jit = off" : "");
                readOnly.ExecuteNonQuery();
            }

            var dialect = new PostgresDialect();
            var schema = dialect.Introspect(connection);
            if (!schema.Has("experiments") || !schema.Has("runs"))
            {
                throw new InvalidDataException($"{redactedUri}: not an MLflow tracking database (no experiments or runs table in schema {builder.SearchPath ?? "current_schema()"})");
            }

            var store = SqlStore.Read(connection, schema, dialect, new AdoGroupedQuery(connection), pool => new SqlMetricAggregation(connection, schema, dialect, pool), TrackingStoreKind.Postgresql, redactedUri);
            transaction.Rollback();

            return ModelArtifactLinker.Attach(store, new ArtifactLocator(artifactRoots ?? [], Directory.GetCurrentDirectory(), artifactRoots, projectPath is null ? [] : [projectPath]), new ProblemLog(), options);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or ArgumentException)
        {
            // Npgsql's messages name host, port and user, never the password; the URI shown is redacted.
            throw new IOException($"{redactedUri}: {OneLine(e.Message)}", e);
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
