using Microsoft.Data.Sqlite;

namespace Auditor.Evidence.MLflow.Sql;

/// <summary>
/// Whether a file is an MLflow SQLite store (the SQLite header, and <c>experiments</c> and <c>runs</c> tables), and its
/// run count; opened read-only like the reader (<see cref="SqliteConnectionFactory"/>), never written.
/// </summary>
internal static class SqliteStoreProbe
{
    private static readonly byte[] Header = "SQLite format 3\0"u8.ToArray();

    /// <summary>Runs in the database (<c>SELECT count(*) FROM runs</c>), or null when it is not a readable MLflow store.</summary>
    public static int? CountRuns(string path)
    {
        try
        {
            if (!HasHeader(path))
            {
                return null;
            }

            using var snapshot = SqliteSnapshot.Of(path);
            using var connection = SqliteConnectionFactory.OpenReadOnly(snapshot.Path);
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('experiments', 'runs')";
            if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 2)
            {
                return null;
            }

            command.CommandText = "SELECT count(*) FROM runs";
            return (int)Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool HasHeader(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> start = stackalloc byte[16];
        return file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false) == start.Length && start.SequenceEqual(Header);
    }
}
