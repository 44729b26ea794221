using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Auditor.Evidence.MLflow.Sql;

/// <summary>
/// A prepared SQLite statement read through SQLite's own API (the one Microsoft.Data.Sqlite wraps): column text
/// comes as UTF-8 bytes valid until the next step, so the large tables are read without a string per cell. The
/// per-row calls are compiled optimized at once: a cold process would otherwise run them unoptimized for most of a scan.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the SQLite connection is not open");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    /// <summary>Advances to the next row; false after the last.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Step()
    {
        var result = raw.sqlite3_step(_statement);
        if (result == raw.SQLITE_ROW)
        {
            return true;
        }

        Check(result);
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    /// <summary>The column as UTF-8 text; valid until the next <see cref="Step"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<byte> Utf8(int column) => raw.sqlite3_column_blob(_statement, column);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Double(int column) => raw.sqlite3_column_double(_statement, column);

    public void Dispose() => _statement.Dispose();

    private void Check(int result)
    {
        if (result is not (raw.SQLITE_OK or raw.SQLITE_ROW or raw.SQLITE_DONE))
        {
            throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), result);
        }
    }
}
