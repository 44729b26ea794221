using Microsoft.Data.Sqlite;

namespace Auditor.Evidence.MLflow.Sql;

/// <summary>
/// Opens an MLflow SQLite database so that reading it never writes: read-only mode, and, when there is no
/// <c>-wal</c> companion, a <c>file:</c> URI with <c>immutable=1</c> so SQLite creates no <c>-shm</c>/<c>-wal</c> file
/// and takes no lock. With a <c>-wal</c> file present the WAL holds committed data, so immutable is not used.
/// </summary>
internal static class SqliteConnectionFactory
{
    public static SqliteConnection OpenReadOnly(string databasePath)
    {
        var full = Path.GetFullPath(databasePath);
        var hasWal = File.Exists(full + "-wal");
        var source = hasWal ? full : "file:" + Uri.EscapeDataString(full).Replace("%2F", "/", StringComparison.Ordinal) + "?immutable=1";
        var builder = new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        return connection;
    }
}
