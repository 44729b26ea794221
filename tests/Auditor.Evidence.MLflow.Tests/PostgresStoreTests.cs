using Auditor.Core.Evidence;
using Auditor.Core.Tracking;
using Auditor.Evidence.MLflow.Sql;
using Auditor.Testing;

namespace Auditor.Evidence.MLflow.Tests;

/// <summary>
/// The SQLite fixtures copied into a real PostgreSQL server read back exactly as from SQLite, model files included
/// when the store's artifact folder is given as an artifact root.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreTests(PostgresServerFixture postgres)
{
    private static int _databases;

    [Theory]
    [InlineData("tracked-sqlite")]
    [InlineData("tracked-sqlite-3x")]
    [InlineData("genai-sqlite-3x")]
    public void PostgreSQL_gives_the_same_facts_as_SQLite(string name)
    {
        if (postgres.Require() is not { } server)
        {
            return;
        }

        using var fixture = Fixture.Unpack(name);
        var fromSqlite = StoreFixture.Read(fixture);
        var uri = Load(server, Path.Combine(fixture.Path, "mlflow.db"));

        var options = new TrackingReadOptions { Variables = _ => null, ArtifactRoots = [Path.Combine(fixture.Path, "mlruns")] };
        var collected = TrackingStoreReader.Collect(TrackingUriResolver.Parse(uri, fixture.Path), options);

        Assert.True(collected.State == CollectionState.Present, collected.Reason);
        var store = collected.Value!;
        Assert.All(store.RegisteredModels.SelectMany(m => m.Versions), v => Assert.Equal(ModelArtifactState.Found, v.Artifact?.State));
        Assert.Equal(TrackingStoreKind.Postgresql, store.Kind);
        Assert.DoesNotContain(PostgresServer.Password, store.Uri, StringComparison.Ordinal);
        Assert.NotEmpty(store.Runs);
        Assert.Equal(StoreJson.Facts(fromSqlite), StoreJson.Facts(store));
    }

    [Fact]
    public void Without_an_artifact_root_model_files_are_found_only_at_the_recorded_paths()
    {
        if (postgres.Require() is not { } server)
        {
            return;
        }

        using var fixture = Fixture.Unpack("tracked-sqlite");
        var uri = Load(server, Path.Combine(fixture.Path, "mlflow.db"));

        var collected = TrackingStoreReader.Collect(TrackingUriResolver.Parse(uri, fixture.Path), new TrackingReadOptions { Variables = _ => null });

        Assert.True(collected.State == CollectionState.Present, collected.Reason);
        var versions = collected.Value!.RegisteredModels.SelectMany(m => m.Versions).ToList();
        Assert.NotEmpty(versions);
        Assert.All(versions, v => Assert.Equal(ModelArtifactState.Missing, v.Artifact?.State));
    }

    [Fact]
    public void Password_comes_from_PGPASSWORD_when_the_URI_has_none()
    {
        if (postgres.Require() is not { } server)
        {
            return;
        }

        using var fixture = Fixture.Unpack("tracked-sqlite");
        var uri = Load(server, Path.Combine(fixture.Path, "mlflow.db")).Replace(":" + PostgresServer.Password, "", StringComparison.Ordinal);
        var variables = new Dictionary<string, string> { ["PGPASSWORD"] = PostgresServer.Password };

        var collected = TrackingStoreReader.Collect(TrackingUriResolver.Parse("postgresql+psycopg2" + uri["postgresql".Length..], fixture.Path), new TrackingReadOptions { Variables = variables.GetValueOrDefault });

        Assert.True(collected.State == CollectionState.Present, collected.Reason);
        Assert.Equal(15, collected.Value!.Runs.Count);
    }

    [Fact]
    public void A_wrong_password_is_one_line_without_the_password()
    {
        if (postgres.Require() is not { } server)
        {
            return;
        }

        const string wrong = "Wr0ng-Pa55word";
        var uri = $"postgresql://postgres:{wrong}@127.0.0.1:{server.Port}/postgres";

        var collected = TrackingStoreReader.Collect(TrackingUriResolver.Parse(uri, "/"), new TrackingReadOptions { Variables = _ => null });

        Assert.Equal(CollectionState.Failed, collected.State);
        Assert.DoesNotContain(wrong, collected.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', collected.Reason!);
        Assert.Contains("postgres:***@127.0.0.1", collected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_database_without_MLflow_tables_is_a_clear_failure()
    {
        if (postgres.Require() is not { } server)
        {
            return;
        }

        var collected = TrackingStoreReader.Collect(TrackingUriResolver.Parse(server.Uri("postgres"), "/"), new TrackingReadOptions { Variables = _ => null });

        Assert.Equal(CollectionState.Failed, collected.State);
        Assert.Contains("not an MLflow tracking database", collected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_URI_and_libpq_variables_become_a_connection()
    {
        var builder = PostgresConnectionString.Build("postgresql+psycopg2://alice:s%40cret@db.example:6543/mlflow?sslmode=require", _ => null);
        Assert.Equal(("db.example", 6543, "alice", "s@cret", "mlflow"), (builder.Host, builder.Port, builder.Username, builder.Password, builder.Database));

        var variables = new Dictionary<string, string> { ["PGHOST"] = "pg.internal", ["PGPORT"] = "5999", ["PGUSER"] = "bob", ["PGPASSFILE"] = "/run/pgpass" };
        var fromEnvironment = PostgresConnectionString.Build("postgresql:///tracking", variables.GetValueOrDefault);
        Assert.Equal(("pg.internal", 5999, "bob", "tracking", "/run/pgpass"), (fromEnvironment.Host, fromEnvironment.Port, fromEnvironment.Username, fromEnvironment.Database, fromEnvironment.Passfile));
    }

    /// <summary>Copies a SQLite store into a new database and returns its tracking URI.</summary>
    internal static string Load(PostgresServer server, string sqlitePath)
    {
        var database = "mlflow_" + Interlocked.Increment(ref _databases) + "_" + Guid.NewGuid().ToString("N")[..6];
        server.CreateDatabase(database);
        SqliteToPostgres.Copy(sqlitePath, server.ConnectionString(database));
        return server.Uri(database);
    }
}
