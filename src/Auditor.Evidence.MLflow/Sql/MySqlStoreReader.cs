using Auditor.Core.Tracking;
using Auditor.Evidence.MLflow.Artifacts;
using MySqlConnector;

namespace Auditor.Evidence.MLflow.Sql;

/// <summary>
/// Reads an MLflow MySQL or MariaDB store with the same introspecting SQL reader as SQLite and PostgreSQL, inside one
/// READ ONLY repeatable-read transaction on a session that is itself read only (one consistent snapshot; nothing can
/// be written). The metric history is aggregated by the server.
/// </summary>
public static class MySqlStoreReader
{
    /// <summary>
    /// The session: double quotes quote identifiers (<c>ANSI_QUOTES</c>, added to the server's modes); the metric
    /// GROUP BY, which walks MLflow's <c>index_metrics_run_uuid</c> in order, sorts in a 256 MiB buffer where a store
    /// older than that index (MLflow 1.25) makes it sort (45 s -> 33 s for 2.5M points); then a read-only snapshot.
    /// </summary>
    private const string ReadOnlySession =
        "SET SESSION sql_mode = CONCAT_WS(',', NULLIF(@@SESSION.sql_mode, ''), 'ANSI_QUOTES'); " +
        "SET SESSION sort_buffer_size = 268435456; " +
        "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY; " +
        "START TRANSACTION READ ONLY, WITH CONSISTENT SNAPSHOT";

    /// <summary>
    /// Reads the database. It has no folder of its own: model files are found where the recorded paths exist on this
    /// machine, else under <paramref name="artifactRoots"/> (where the store's artifacts were copied or mounted),
    /// and read only inside those roots and <paramref name="projectPath"/>.
    /// </summary>
    public static TrackingStore Read(string uri, string redactedUri, Func<string, string?> environment, IReadOnlyList<string>? artifactRoots = null, string? projectPath = null, TrackingReadOptions? options = null)
    {
        var builder = MySqlConnectionString.Build(uri, environment);
        try
        {
            using var connection = OpenReadOnly(builder);
            var dialect = new MySqlDialect();
            var schema = dialect.Introspect(connection);
            if (!schema.Has("experiments") || !schema.Has("runs"))
            {
                throw new InvalidDataException($"{redactedUri}: not an MLflow tracking database (no experiments or runs table in database {builder.Database})");
            }

            var store = SqlStore.Read(connection, schema, dialect, new AdoGroupedQuery(connection), pool => new SqlMetricAggregation(connection, schema, dialect, pool), TrackingStoreKind.Mysql, redactedUri);
            using (var rollback = connection.CreateCommand())
            {
                rollback.CommandText = "ROLLBACK";
                rollback.ExecuteNonQuery();
            }

            return ModelArtifactLinker.Attach(store, new ArtifactLocator(artifactRoots ?? [], Directory.GetCurrentDirectory(), artifactRoots, projectPath is null ? [] : [projectPath]), new ProblemLog(), options);
        }
        catch (Exception e) when (e is MySqlException or TimeoutException or ArgumentException)
        {
            // MySqlConnector's messages name the user and host ("Access denied for user 'u'@'h'"), never the password;
            // the URI shown is redacted.
            throw new IOException($"{redactedUri}: {Message(e, builder)}", e);
        }
    }

    /// <summary>A connection whose session and transaction are read only, holding one snapshot until it is closed.</summary>
    internal static MySqlConnection OpenReadOnly(MySqlConnectionStringBuilder builder)
    {
        var connection = new MySqlConnection(builder.ConnectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = ReadOnlySession;
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// One line. MySqlConnector says only "Unable to connect to any of the specified MySQL hosts." when nothing answers
    /// (refused, unreachable, unknown host), so where it tried is said first.
    /// </summary>
    private static string Message(Exception e, MySqlConnectionStringBuilder builder)
    {
        var message = e.Message.ReplaceLineEndings(" ").Trim();
        if (e is MySqlException { ErrorCode: MySqlErrorCode.UnableToConnectToHost })
        {
            var where = builder.ConnectionProtocol == MySqlConnectionProtocol.UnixSocket ? $"the socket {builder.Server}" : $"{builder.Server}:{builder.Port}";
            return $"cannot connect to {where}: {message}";
        }

        return message;
    }
}
