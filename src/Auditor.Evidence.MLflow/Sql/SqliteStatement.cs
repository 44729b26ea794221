using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Auditor.Evidence.MLflow.Sql;

/// <summary>
/// A prepared SQLite statement read through SQLite's own API (the one Microsoft.Data.Sqlite wraps): column text
/// comes as UTF-8 bytes valid until the next step, so the large tables are read without a string per cell. The
/// statement is prepared through SQLitePCL (the library Microsoft.Data.Sqlite loaded), but the per-row calls go to
/// the same e_sqlite3 library directly with the statement's pointer: through SQLitePCL every column read takes and
/// releases the statement's SafeHandle and crosses two wrappers, about a fifth of a million-row scan. The handle is
/// held (one reference taken at preparation, released at disposal) for as long as the pointer is used. The column
/// calls are short and never block or call back, so they skip the GC transition. The per-row calls are compiled
/// optimized at once: a cold process would otherwise run them unoptimized for most of a scan.
/// </summary>
internal sealed unsafe partial class SqliteStatement : IDisposable
{
    private const string Library = "e_sqlite3";

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly IntPtr _handle;
    private bool _referenced;

    public SqliteStatement(SqliteConnection connection, string sql)
        : this(connection.Handle ?? throw new InvalidOperationException("the SQLite connection is not open"), sql)
    {
    }

    public SqliteStatement(SqliteScanConnection connection, string sql)
        : this(connection.Handle, sql)
    {
    }

    private SqliteStatement(sqlite3 db, string sql)
    {
        _db = db;
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
        _statement.DangerousAddRef(ref _referenced);
        _handle = _statement.DangerousGetHandle();
    }

    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    /// <summary>Advances to the next row; false after the last.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Step()
    {
        var result = sqlite3_step(_handle);
        if (result == raw.SQLITE_ROW)
        {
            return true;
        }

        Check(result);
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool IsNull(int column) => sqlite3_column_type(_handle, column) == raw.SQLITE_NULL;

    /// <summary>The column as UTF-8 text; valid until the next <see cref="Step"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<byte> Utf8(int column)
    {
        // The pointer first, then the length: SQLite's documented order for reading a value's bytes.
        var bytes = sqlite3_column_blob(_handle, column);
        return bytes is null ? default : new ReadOnlySpan<byte>(bytes, sqlite3_column_bytes(_handle, column));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long Int64(int column) => sqlite3_column_int64(_handle, column);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Double(int column) => sqlite3_column_double(_handle, column);

    public void Dispose()
    {
        if (_referenced)
        {
            _statement.DangerousRelease();
            _referenced = false;
        }

        _statement.Dispose();
    }

    private void Check(int result)
    {
        if (result is not (raw.SQLITE_OK or raw.SQLITE_ROW or raw.SQLITE_DONE))
        {
            throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), result);
        }
    }

    [LibraryImport(Library)]
    private static partial int sqlite3_step(IntPtr statement);

    [LibraryImport(Library), SuppressGCTransition]
    private static partial int sqlite3_column_type(IntPtr statement, int column);

    [LibraryImport(Library), SuppressGCTransition]
    private static partial byte* sqlite3_column_blob(IntPtr statement, int column);

    [LibraryImport(Library), SuppressGCTransition]
    private static partial int sqlite3_column_bytes(IntPtr statement, int column);

    [LibraryImport(Library), SuppressGCTransition]
    private static partial long sqlite3_column_int64(IntPtr statement, int column);

    [LibraryImport(Library), SuppressGCTransition]
    private static partial double sqlite3_column_double(IntPtr statement, int column);
}
