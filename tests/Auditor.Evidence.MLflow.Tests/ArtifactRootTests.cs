using Auditor.Core.Tracking;
using Auditor.Evidence.MLflow.Sql;
using Auditor.Testing;
using Microsoft.Data.Sqlite;

namespace Auditor.Evidence.MLflow.Tests;

/// <summary>
/// A database store has no folder that must hold its artifacts: the artifact roots the user names are where recorded
/// paths that do not exist here are looked up (by the part after <c>mlruns</c>), and where a server's proxied
/// <c>mlflow-artifacts:</c> locations resolve. Without a root, those stay missing or unchecked.
/// </summary>
public sealed class ArtifactRootTests
{
    [Fact]
    public void A_database_copied_away_from_its_artifacts_finds_them_under_an_artifact_root()
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");
        using var elsewhere = new TempFolder();
        var database = elsewhere.Combine("mlflow.db");
        File.Copy(Path.Combine(fixture.Path, "mlflow.db"), database);

        var without = SqliteStoreReader.Read(database, "sqlite:///mlflow.db");
        var with = SqliteStoreReader.Read(database, "sqlite:///mlflow.db", [Path.Combine(fixture.Path, "mlruns")]);

        Assert.All(Versions(without), v => Assert.Equal(ModelArtifactState.Missing, v.Artifact?.State));
        Assert.All(Versions(with), v => Assert.Equal(ModelArtifactState.Found, v.Artifact?.State));
        Assert.All(Versions(with), v => Assert.StartsWith(Path.Combine(fixture.Path, "mlruns"), v.Artifact!.LocalPath));
    }

    [Fact]
    public void A_proxied_location_resolves_under_an_artifact_root_and_stays_unchecked_without_one()
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");
        var runId = MoveVersionToProxiedStore(fixture, "nyc-taxi-regressor", 2);
        var database = Path.Combine(fixture.Path, "mlflow.db");
        var mlruns = Path.Combine(fixture.Path, "mlruns");

        var without = Version(SqliteStoreReader.Read(database, "sqlite:///mlflow.db"), "nyc-taxi-regressor", 2);
        var with = Version(SqliteStoreReader.Read(database, "sqlite:///mlflow.db", [mlruns]), "nyc-taxi-regressor", 2);

        var uri = $"mlflow-artifacts:/2/{runId}/artifacts/model";
        Assert.Equal((uri, ModelArtifactState.Remote), (without.Artifact!.Uri, without.Artifact.State));
        Assert.Equal((uri, ModelArtifactState.Found), (with.Artifact!.Uri, with.Artifact.State));
        Assert.Equal(Path.Combine(mlruns, "2", runId, "artifacts", "model"), with.Artifact.LocalPath);
    }

    [Theory]
    [InlineData("mlflow-artifacts:/2/../../outside")]
    [InlineData("mlflow-artifacts://host:5000/../outside")]
    [InlineData("mlflow-artifacts:/2/%2e%2e/%2E%2E%2Foutside")]
    [InlineData("mlflow-artifacts:/2/.%2e/%252e%252e/outside")]
    public void A_proxied_location_never_climbs_out_of_the_artifact_root(string source)
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");
        Directory.CreateDirectory(Path.Combine(fixture.Path, "outside"));
        File.WriteAllText(Path.Combine(fixture.Path, "outside", "MLmodel"), "flavors: {}\n");
        SetSource(fixture, "nyc-taxi-regressor", 2, source);

        var store = SqliteStoreReader.Read(Path.Combine(fixture.Path, "mlflow.db"), "sqlite:///mlflow.db", [Path.Combine(fixture.Path, "mlruns", "2")]);

        Assert.Equal(ModelArtifactState.Refused, Version(store, "nyc-taxi-regressor", 2).Artifact?.State);
        Assert.Contains(store.Problems, p => p.Path == source && p.Message.Contains("climbs out", StringComparison.Ordinal));
    }

    /// <summary>
    /// Records a version as a tracking server with proxied artifacts would (<c>mlflow-artifacts:/&lt;experiment&gt;/&lt;run&gt;/artifacts/model</c>,
    /// the layout of its artifact destination); returns the version's run.
    /// </summary>
    internal static string MoveVersionToProxiedStore(Fixture fixture, string model, int version)
    {
        string? experiment, runId;
        using (var connection = Open(fixture))
        using (var query = connection.CreateCommand())
        {
            query.CommandText = "SELECT r.experiment_id, r.run_uuid FROM model_versions v JOIN runs r ON r.run_uuid = v.run_id WHERE v.name = $name AND v.version = $version";
            query.Parameters.AddWithValue("$name", model);
            query.Parameters.AddWithValue("$version", version);
            using var reader = query.ExecuteReader();
            Assert.True(reader.Read());
            (experiment, runId) = (reader.GetValue(0).ToString(), reader.GetString(1));
        }

        SetSource(fixture, model, version, $"mlflow-artifacts:/{experiment}/{runId}/artifacts/model");
        return runId;
    }

    private static void SetSource(Fixture fixture, string model, int version, string source)
    {
        using var connection = Open(fixture);
        using var update = connection.CreateCommand();
        update.CommandText = "UPDATE model_versions SET source = $source, storage_location = $source WHERE name = $name AND version = $version";
        update.Parameters.AddWithValue("$source", source);
        update.Parameters.AddWithValue("$name", model);
        update.Parameters.AddWithValue("$version", version);
        Assert.Equal(1, update.ExecuteNonQuery());
    }

    private static SqliteConnection Open(Fixture fixture)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(fixture.Path, "mlflow.db")};Pooling=False");
        connection.Open();
        return connection;
    }

    private static ModelVersion Version(TrackingStore store, string model, int version) =>
        Versions(store).Single(v => v.ModelName == model && v.Version == version);

    private static List<ModelVersion> Versions(TrackingStore store) => store.RegisteredModels.SelectMany(m => m.Versions).ToList();
}
