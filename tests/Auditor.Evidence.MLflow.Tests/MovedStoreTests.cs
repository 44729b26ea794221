using Auditor.Core.Tracking;
using Auditor.Testing;

namespace Auditor.Evidence.MLflow.Tests;

/// <summary>
/// MLflow records absolute artifact paths of the folder where the store was created. A moved or copied store
/// must still find its models through the store root; remote locations are recorded, never followed.
/// </summary>
public sealed class MovedStoreTests
{
    private const string RunId = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    private const string History = "[{\"run_id\": \"" + RunId + "\", \"artifact_path\": \"model\", \"flavors\": {\"sklearn\": {}}}]";

    private static void WriteModel(string folder)
    {
        FileStoreBuilder.Write(Path.Combine(folder, "MLmodel"),
            $"artifact_path: model\nflavors:\n  python_function:\n    loader_module: mlflow.sklearn\n  sklearn:\n    pickled_model: model.pkl\n" +
            $"mlflow_version: 2.17.2\nmodel_uuid: 7c1e3f0c2d8b4a6e9f1a2b3c4d5e6f70\nrun_id: {RunId}\nutc_time_created: '2024-04-25 10:00:00.123456'\n");
        FileStoreBuilder.Write(Path.Combine(folder, "requirements.txt"), "mlflow==2.17.2\n# comment\nscikit-learn==1.4.2\npandas>=2.0\n-r extra.txt\nnumpy");
        FileStoreBuilder.Write(Path.Combine(folder, "python_env.yaml"), "python: 3.11.7\n");
    }

    [Theory]
    [InlineData("/home/alice/projects/old/mlruns/1/" + RunId + "/artifacts")]
    [InlineData("file:///home/alice/projects/old/mlruns/1/" + RunId + "/artifacts")]
    public void A_moved_store_finds_its_models_under_the_store_root(string artifactUri)
    {
        using var builder = new FileStoreBuilder();
        var run = builder.Run(builder.Experiment("1", "e"), RunId, FileStoreBuilder.RunMeta("1", RunId, artifactUri: artifactUri));
        builder.Value(run, "tags", SystemTags.LogModelHistory, History);
        WriteModel(Path.Combine(run, "artifacts", "model"));

        var artifact = Assert.Single(Assert.Single(builder.Read().Runs).Models);

        Assert.Equal(ModelArtifactState.Found, artifact.State);
        Assert.Equal(artifactUri + "/model", artifact.Uri);
        Assert.Equal(Path.Combine(run, "artifacts", "model"), artifact.LocalPath);
        Assert.Equal(["python_function", "sklearn"], artifact.Flavors);
        Assert.False(artifact.HasSignature);
        Assert.False(artifact.HasInputExample);
        Assert.Equal("2.17.2", artifact.MlflowVersion);
        Assert.Equal(RunId, artifact.RunId);
        Assert.True(artifact.Environment is { HasPythonEnv: true, HasRequirements: true, HasCondaYaml: false, Requirements: 4, PinnedRequirements: 2 });
        Assert.Equal(0.5, artifact.Environment.PinnedShare);
    }

    [Fact]
    public void A_sqlite_store_in_another_folder_finds_models_in_mlruns_beside_the_database()
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");
        var moved = Path.Combine(fixture.Path, "..", "moved-elsewhere");
        Directory.Move(fixture.Path, moved);

        var store = Sql.SqliteStoreReader.Read(Path.Combine(moved, "mlflow.db"), "sqlite:///mlflow.db");

        Assert.Equal(9, store.ModelArtifacts.Count(a => a.State == ModelArtifactState.Found));
        Assert.All(store.ModelArtifacts, a => Assert.StartsWith(Path.GetFullPath(moved), a.LocalPath));
    }

    [Theory]
    [InlineData("s3://bucket/mlruns/1/" + RunId + "/artifacts")]
    [InlineData("mlflow-artifacts:/1/" + RunId + "/artifacts")]
    [InlineData("https://example.com/artifacts")]
    public void Remote_artifact_locations_are_recorded_and_never_followed(string artifactUri)
    {
        using var builder = new FileStoreBuilder();
        var run = builder.Run(builder.Experiment("1", "e"), RunId, FileStoreBuilder.RunMeta("1", RunId, artifactUri: artifactUri));
        builder.Value(run, "tags", SystemTags.LogModelHistory, History);
        WriteModel(Path.Combine(run, "artifacts", "model"));

        var artifact = Assert.Single(Assert.Single(builder.Read().Runs).Models);

        Assert.Equal(ModelArtifactState.Remote, artifact.State);
        Assert.Null(artifact.LocalPath);
    }

    [Fact]
    public void A_model_that_is_nowhere_is_missing_and_a_broken_history_tag_is_a_problem()
    {
        using var builder = new FileStoreBuilder();
        var experiment = builder.Experiment("1", "e");
        var run = builder.Run(experiment, RunId, FileStoreBuilder.RunMeta("1", RunId));
        builder.Value(run, "tags", SystemTags.LogModelHistory, History);
        var other = builder.Run(experiment, "ffffffffffffffffffffffffffffffff", FileStoreBuilder.RunMeta("1", "ffffffffffffffffffffffffffffffff"));
        builder.Value(other, "tags", SystemTags.LogModelHistory, "[{not json");

        var store = builder.Read();

        Assert.Equal(ModelArtifactState.Missing, Assert.Single(store.Runs.Single(r => r.Id == RunId).Models).State);
        Assert.Contains(store.Problems, p => p.Path.Contains("ffffffffffffffffffffffffffffffff", StringComparison.Ordinal) && p.Message.Contains("JSON", StringComparison.Ordinal));
    }
}
