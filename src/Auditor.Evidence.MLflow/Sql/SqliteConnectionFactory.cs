using Microsoft.Data.Sqlite;
using SQLitePCL;

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
        var builder = new SqliteConnectionStringBuilder { DataSource = Source(databasePath), Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>A connection for one thread's scan through <see cref="SqliteStatement"/> (see <see cref="SqliteScanConnection"/>).</summary>
    public static SqliteScanConnection OpenScan(string databasePath) => SqliteScanConnection.Open(Source(databasePath));

    private static string Source(string databasePath)
    {
        var full = Path.GetFullPath(databasePath);
        return File.Exists(full + "-wal") ? full : "file:" + Uri.EscapeDataString(full).Replace("%2F", "/", StringComparison.Ordinal) + "?immutable=1";
    }
}

/// <summary>
/// A read-only SQLite connection opened without a connection mutex (<c>SQLITE_OPEN_NOMUTEX</c>), for a scan that one
/// thread runs start to end. In SQLite's default (serialized) mode every step and every column read takes and
/// releases the connection's mutex, a sixth of the CPU of reading a million-row table; a connection that never
/// leaves its thread does not need it. Microsoft.Data.Sqlite opens connections serialized and cannot be asked
/// otherwise, so these are opened through SQLitePCL, the library it wraps.
/// </summary>
internal sealed class SqliteScanConnection : IDisposable
{
    private SqliteScanConnection(sqlite3 handle) => Handle = handle;

    public sqlite3 Handle { get; }

    public static SqliteScanConnection Open(string source)
    {
        Batteries_V2.Init();
        var flags = raw.SQLITE_OPEN_READONLY | raw.SQLITE_OPEN_NOMUTEX | (source.StartsWith("file:", StringComparison.Ordinal) ? raw.SQLITE_OPEN_URI : 0);
        var result = raw.sqlite3_open_v2(source, out var handle, flags, null);
        if (result != raw.SQLITE_OK)
        {
            var message = handle.IsInvalid ? raw.sqlite3_errstr(result).utf8_to_string() : raw.sqlite3_errmsg(handle).utf8_to_string();
            handle.Dispose();
            throw new SqliteException(message, result);
        }

        // As Microsoft.Data.Sqlite waits for a writer's lock (a store with a -wal file is read while MLflow may write).
        raw.sqlite3_busy_timeout(handle, 30_000);
        return new SqliteScanConnection(handle);
    }

    public void Dispose() => Handle.Dispose();
}
