using Auditor.Core.Tracking;
using Auditor.Evidence.MLflow.Sql;
using Auditor.Testing;
using Microsoft.Data.Sqlite;

namespace Auditor.Evidence.MLflow.Tests;

/// <summary>The cheap probes behind store discovery: what counts as a store, how runs are counted, and the bounds.</summary>
public sealed class StoreDiscoveryTests
{
    [Fact]
    public void A_SQLite_database_without_MLflow_tables_or_a_text_file_named_db_is_not_a_store()
    {
        using var folder = new TempFolder();
        using (var connection = new SqliteConnection($"Data Source={folder.Combine("other.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE runs (x); CREATE TABLE notes (y);";
            command.ExecuteNonQuery();
        }

        File.WriteAllText(folder.Combine("text.db"), "SQLite format 3 is what this file pretends to be");

        Assert.Null(SqliteStoreProbe.CountRuns(folder.Combine("other.db")));
        Assert.Null(SqliteStoreProbe.CountRuns(folder.Combine("text.db")));
        Assert.Empty(StoreDiscovery.Find(folder.Path));
    }

    [Fact]
    public void Counting_the_runs_of_a_SQLite_store_writes_nothing()
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");
        var database = Path.Combine(fixture.Path, "mlflow.db");
        var before = (File.ReadAllBytes(database), File.GetLastWriteTimeUtc(database));

        Assert.Equal(15, SqliteStoreProbe.CountRuns(database));

        Assert.Equal(before.Item1, File.ReadAllBytes(database));
        Assert.Equal(before.Item2, File.GetLastWriteTimeUtc(database));
        Assert.False(File.Exists(database + "-shm") || File.Exists(database + "-wal") || File.Exists(database + "-journal"));
    }

    [Fact]
    public void Stores_are_found_most_runs_first_and_not_inside_a_store_found()
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");
        using var sloppy = Fixture.Unpack("sloppy-file");
        Directory.CreateDirectory(Path.Combine(fixture.Path, "a"));
        Directory.Move(Path.Combine(sloppy.Path, "mlruns"), Path.Combine(fixture.Path, "a", "runs"));
        // The SQLite store's artifact folder (no experiment meta.yaml) is not a file store.

        var found = StoreDiscovery.Find(fixture.Path);

        Assert.Equal(["sqlite:///mlflow.db", "./a/runs"], found.Select(f => f.Location.RedactedUri));
        Assert.Equal([15, 8], found.Select(f => f.Runs));
        Assert.Equal([TrackingStoreKind.Sqlite, TrackingStoreKind.File], found.Select(f => f.Location.Kind));
    }

    [Fact]
    public void At_most_the_bounded_number_of_stores_is_found()
    {
        using var folder = new TempFolder();
        for (var i = 0; i < StoreDiscovery.MaxStores + 5; i++)
        {
            var experiment = folder.Combine($"s{i:00}", "0");
            Directory.CreateDirectory(experiment);
            File.WriteAllText(Path.Combine(experiment, "meta.yaml"), "experiment_id: '0'\nname: Default\n");
        }

        Assert.Equal(StoreDiscovery.MaxStores, StoreDiscovery.Find(folder.Path).Count);
    }
}
