using Auditor.Core.Tracking;
using Auditor.Evidence.MLflow.Artifacts;
using Microsoft.Data.Sqlite;

namespace Auditor.Evidence.MLflow.Sql;

/// <summary>Reads an MLflow SQLite store (<c>mlflow.db</c>), opened read-only.</summary>
public static class SqliteStoreReader
{
    /// <summary>
    /// Reads the database; model files are looked for in the <c>mlruns</c> beside it, then under <paramref name="artifactRoots"/>,
    /// and read only inside the database's folder, the artifact roots and <paramref name="projectPath"/>.
    /// </summary>
    public static TrackingStore Read(string databasePath, string redactedUri, IReadOnlyList<string>? artifactRoots = null, string? projectPath = null, TrackingReadOptions? options = null)
    {
        if (!File.Exists(databasePath))
        {
            throw new FileNotFoundException($"{databasePath}: the SQLite database does not exist");
        }

        try
        {
            using var snapshot = SqliteSnapshot.Of(databasePath);
            using var connection = SqliteConnectionFactory.OpenReadOnly(snapshot.Path);
            var dialect = new SqliteDialect();
            var schema = dialect.Introspect(connection);
            if (!schema.Has("experiments") || !schema.Has("runs"))
            {
                throw new InvalidDataException($"{databasePath}: not an MLflow tracking database (no experiments or runs table)");
            }

            // The runs, params and tags (the large grouped tables) are read on a scan connection of this thread's.
            using var scan = SqliteConnectionFactory.OpenScan(snapshot.Path);
            var store = SqlStore.Read(connection, schema, dialect, new SqliteGroupedQuery(scan), pool => new SqliteMetricScan(schema, snapshot.Path, pool), TrackingStoreKind.Sqlite, redactedUri, databasePath,
                genAiConnection: () => SqliteConnectionFactory.OpenReadOnly(snapshot.Path) is var own ? (own, new SqliteGroupedQuery(own)) : default,
                openScan: () => SqliteConnectionFactory.OpenScan(snapshot.Path));
            var folder = Path.GetDirectoryName(Path.GetFullPath(databasePath)) ?? ".";
            return ModelArtifactLinker.Attach(store, new ArtifactLocator([Path.Combine(folder, "mlruns"), .. artifactRoots ?? []], folder, artifactRoots, projectPath is null ? [folder] : [folder, projectPath]), new ProblemLog(), options);
        }
        catch (SqliteException e)
        {
            throw new InvalidDataException($"{databasePath}: {e.Message}", e);
        }
    }
}
