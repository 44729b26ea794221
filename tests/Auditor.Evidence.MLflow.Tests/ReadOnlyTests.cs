using System.Security.Cryptography;
using Auditor.Testing;
using Microsoft.Data.Sqlite;

namespace Auditor.Evidence.MLflow.Tests;

/// <summary>Reading a store writes nothing: every file (mlflow.db-wal/-shm included), its size, time and content, and the folder listing stay the same.</summary>
public sealed class ReadOnlyTests
{
    [Theory]
    [InlineData("tracked-file")]
    [InlineData("tracked-file-3x")]
    [InlineData("sloppy-file")]
    [InlineData("tracked-sqlite")]
    [InlineData("tracked-sqlite-3x")]
    public void Reading_a_store_changes_no_file(string name)
    {
        using var fixture = Fixture.Unpack(name);
        var before = Snapshot(fixture.Path);

        StoreFixture.Read(fixture);

        Assert.Equal(before, Snapshot(fixture.Path));
    }

    [Fact]
    public void Reading_a_wal_mode_sqlite_store_creates_no_wal_or_shm_file()
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");
        var database = Path.Combine(fixture.Path, "mlflow.db");
        using (var writer = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            writer.Open();
            using var command = writer.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL";
            Assert.Equal("wal", command.ExecuteScalar());
        }

        var before = Snapshot(fixture.Path);
        StoreFixture.Read(fixture);

        Assert.Equal(before, Snapshot(fixture.Path));
        Assert.False(File.Exists(database + "-shm"));
        Assert.False(File.Exists(database + "-wal"));
    }

    [Fact]
    public void Reading_a_store_with_a_live_writer_touches_neither_the_database_nor_its_wal_and_shm()
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");
        var database = Path.Combine(fixture.Path, "mlflow.db");
        using var writer = new SqliteConnection($"Data Source={database};Pooling=False");
        writer.Open();
        using (var command = writer.CreateCommand())
        {
            // A tracking server mid-work: WAL mode, a committed write still in the -wal file, the connection open.
            command.CommandText = "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; " +
                                  "INSERT INTO experiments (experiment_id, name, artifact_location, lifecycle_stage) VALUES (99, 'written-by-a-live-server', '', 'active');";
            command.ExecuteNonQuery();
        }

        Assert.True(new FileInfo(database + "-wal").Length > 0);
        var before = Snapshot(fixture.Path);

        var store = StoreFixture.Read(fixture);

        Assert.Equal(before, Snapshot(fixture.Path));
        Assert.Contains(store.Experiments, e => e.Name == "written-by-a-live-server");
    }

    private static string Snapshot(string folder)
    {
        var lines = Directory.EnumerateFileSystemEntries(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Order(StringComparer.Ordinal)
            .Select(path => File.Exists(path)
                ? $"{Path.GetRelativePath(folder, path)} {new FileInfo(path).Length} {File.GetLastWriteTimeUtc(path):O} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)))}"
                : $"{Path.GetRelativePath(folder, path)}/ {Directory.GetLastWriteTimeUtc(path):O}");
        return string.Join('\n', lines);
    }
}
