using Auditor.Core.Tracking;
using Microsoft.Data.Sqlite;

namespace Auditor.Evidence.MLflow.Sql;

/// <summary>Reads an MLflow SQLite store (<c>mlflow.db</c>), opened read-only.</summary>
public static class SqliteStoreReader
{
    public static TrackingStore Read(string databasePath, string redactedUri)
    {
        if (!File.Exists(databasePath))
        {
            throw new FileNotFoundException($"{databasePath}: the SQLite database does not exist");
        }

        var builder = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        using var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            var dialect = new SqliteDialect();
            var schema = dialect.Introspect(connection);
            if (!schema.Has("experiments") || !schema.Has("runs"))
            {
                throw new InvalidDataException($"{databasePath}: not an MLflow tracking database (no experiments or runs table)");
            }

            var tracking = new SqlTrackingReader(connection, schema, dialect);
            var registry = new SqlRegistryReader(connection, schema, tracking);
            return new TrackingStore
            {
                Kind = TrackingStoreKind.Sqlite,
                Uri = redactedUri,
                Root = databasePath,
                Experiments = tracking.Experiments(),
                Runs = tracking.Runs(),
                RegisteredModels = registry.RegisteredModels(),
                LoggedModels = registry.LoggedModels(),
            };
        }
        catch (SqliteException e)
        {
            throw new InvalidDataException($"{databasePath}: {e.Message}", e);
        }
    }
}
