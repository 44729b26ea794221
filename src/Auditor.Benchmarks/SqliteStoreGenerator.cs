using System.Formats.Tar;
using System.IO.Compression;
using Microsoft.Data.Sqlite;

namespace Auditor.Benchmarks;

/// <summary>
/// Writes <c>mlflow.db</c> with MLflow 2.17's exact schema, copied statement by statement from <c>sqlite_master</c> of
/// a real store (by default the tracked-sqlite fixture's database), and rows as MLflow's SQL store writes them.
/// </summary>
internal sealed class SqliteStoreGenerator(string output, string? schemaFrom) : IStoreGenerator
{
    private const string FixtureArchive = "tests/TestData/fixtures/tracked-sqlite.tar.gz";

    public void Write(SyntheticShape shape)
    {
        Directory.CreateDirectory(output);
        var path = Path.Combine(output, "mlflow.db");
        File.Delete(path);
        var (schema, revision) = ReadSchema();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;");
        foreach (var statement in schema)
        {
            Execute(connection, statement);
        }

        Execute(connection, $"INSERT INTO alembic_version (version_num) VALUES ('{revision}')");
        var artifactRoot = Path.GetFullPath(Path.Combine(output, "mlruns"));
        Execute(connection, $"INSERT INTO experiments VALUES (0, 'Default', '{artifactRoot}/0', 'active', 1795753227418, 1795753227418)");
        for (var e = 0; e < shape.Experiments; e++)
        {
            using var transaction = connection.BeginTransaction();
            var id = e + 1;
            Execute(connection, $"INSERT INTO experiments VALUES ({id}, 'taxi-scale-{e:000}', '{artifactRoot}/{id}', 'active', 1795753227420, 1795753227420)");
            var rows = new SqliteRowWriter(connection);
            foreach (var run in shape.RunsOf(e))
            {
                rows.Add(run, id, $"{artifactRoot}/{id}/{run.Id}/artifacts");
            }

            transaction.Commit();
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>The CREATE statements (tables before indexes) and the alembic revision of the schema source.</summary>
    private (List<string> Statements, string Revision) ReadSchema()
    {
        var source = schemaFrom ?? ExtractFixtureDatabase();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        var statements = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY CASE type WHEN 'table' THEN 0 ELSE 1 END, rowid";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                statements.Add(reader.GetString(0));
            }
        }

        using var version = connection.CreateCommand();
        version.CommandText = "SELECT version_num FROM alembic_version";
        return (statements, (string)version.ExecuteScalar()!);
    }

    private static string ExtractFixtureDatabase()
    {
        var root = new DirectoryInfo(Directory.GetCurrentDirectory());
        while (root is not null && !File.Exists(Path.Combine(root.FullName, FixtureArchive)))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new FileNotFoundException($"{FixtureArchive} not found above the current folder; pass --schema-from <mlflow.db>");
        }

        var target = Path.Combine(Path.GetTempPath(), $"mlaudit-schema-{Environment.ProcessId}.db");
        using var file = File.OpenRead(Path.Combine(root.FullName, FixtureArchive));
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.Name.EndsWith("/mlflow.db", StringComparison.Ordinal))
            {
                entry.ExtractToFile(target, overwrite: true);
                return target;
            }
        }

        throw new InvalidDataException(FixtureArchive + " holds no mlflow.db");
    }
}
