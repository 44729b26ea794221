namespace Auditor.Evidence.MLflow.Sql;

/// <summary>
/// The database file to open. Without a <c>-wal</c> companion that is the database itself (opened immutable).
/// With one, a reader would have to use the WAL's shared-memory index (<c>-shm</c>), and SQLite writes read marks
/// into it even for read-only connections; so the database and its WAL are copied to a temporary folder and the
/// copy is read. The audited files are never opened for writing, not even the <c>-shm</c>.
/// </summary>
internal sealed class SqliteSnapshot : IDisposable
{
    private readonly string? _folder;

    private SqliteSnapshot(string path, string? folder)
    {
        Path = path;
        _folder = folder;
    }

    public string Path { get; }

    public static SqliteSnapshot Of(string databasePath)
    {
        var full = System.IO.Path.GetFullPath(databasePath);
        if (!File.Exists(full + "-wal"))
        {
            return new SqliteSnapshot(full, null);
        }

        var folder = Directory.CreateTempSubdirectory("mlaudit-sqlite-").FullName;
        var copy = System.IO.Path.Combine(folder, System.IO.Path.GetFileName(full));
        File.Copy(full, copy);
        File.Copy(full + "-wal", copy + "-wal");
        return new SqliteSnapshot(copy, folder);
    }

    public void Dispose()
    {
        if (_folder is not null)
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A temporary copy left behind is not worth failing the audit for.
            }
        }
    }
}
