using Auditor.Core.Tracking;
using Auditor.Testing;

namespace Auditor.Evidence.MLflow.Tests;

/// <summary>
/// Model artifacts, environment files and dataset inputs of the fixture stores. The stores were created under
/// /home/alice/projects/&lt;name&gt;; unpacked elsewhere, every local model must still be found through the store root.
/// </summary>
public sealed class FixtureModelArtifactTests
{
    [Theory]
    [InlineData("tracked-file")]
    [InlineData("tracked-sqlite")]
    [InlineData("tracked-file-3x")]
    [InlineData("tracked-sqlite-3x")]
    public void Every_logged_model_is_found_with_its_mlmodel_and_environment_files(string name)
    {
        using var fixture = Fixture.Unpack(name);
        var store = StoreFixture.Read(fixture);
        var totals = Fixture.Expected(name).GetProperty("totals");
        var loggedModels = totals.TryGetProperty("runs_with_logged_model", out var runs) ? runs.GetInt32() : totals.GetProperty("logged_models").GetInt32();

        Assert.Empty(store.Problems);
        Assert.Equal(loggedModels, store.Runs.Count(r => r.Models.Count > 0));
        Assert.Equal(loggedModels, store.ModelArtifacts.Count);
        foreach (var artifact in store.ModelArtifacts)
        {
            Assert.Equal(ModelArtifactState.Found, artifact.State);
            Assert.StartsWith(fixture.Path, artifact.LocalPath);
            Assert.StartsWith("/home/alice/projects/", artifact.Uri.Replace("file://", ""));
            Assert.Contains("python_function", artifact.Flavors);
            Assert.Contains("sklearn", artifact.Flavors);
            Assert.True(artifact.HasSignature);
            Assert.NotNull(artifact.MlflowVersion);
            Assert.NotNull(artifact.ModelUuid);
            Assert.True(artifact.Environment is { HasCondaYaml: true, HasPythonEnv: true, HasRequirements: true });
            Assert.True(artifact.Environment.Requirements > 0);
            Assert.Equal(1.0, artifact.Environment.PinnedShare);
        }
    }

    [Theory]
    [InlineData("tracked-file")]
    [InlineData("tracked-sqlite")]
    [InlineData("tracked-file-3x")]
    [InlineData("tracked-sqlite-3x")]
    public void Every_model_version_reaches_the_artifact_of_its_run(string name)
    {
        using var fixture = Fixture.Unpack(name);
        var store = StoreFixture.Read(fixture);

        foreach (var version in store.RegisteredModels.SelectMany(m => m.Versions))
        {
            var artifact = Assert.IsType<ModelArtifact>(version.Artifact);
            Assert.Equal(ModelArtifactState.Found, artifact.State);
            var run = Assert.Single(store.Runs, r => r.Id == version.RunId);
            Assert.Contains(artifact, run.Models);
            Assert.Equal(version.RunId, artifact.RunId);
        }
    }

    [Theory]
    [InlineData("tracked-file-3x")]
    [InlineData("tracked-sqlite-3x")]
    public void Logged_models_carry_their_artifact_and_model_id(string name)
    {
        using var fixture = Fixture.Unpack(name);
        var store = StoreFixture.Read(fixture);

        foreach (var model in store.LoggedModels)
        {
            var artifact = Assert.IsType<ModelArtifact>(model.Artifact);
            Assert.Equal(model.Id, artifact.ModelId);
            Assert.Equal(model.SourceRunId, artifact.RunId);
            Assert.True(artifact.HasInputExample);
        }

        Assert.StartsWith("3.", store.ModelArtifacts[0].MlflowVersion);
    }

    [Theory]
    [InlineData("tracked-file")]
    [InlineData("tracked-sqlite")]
    [InlineData("tracked-file-3x")]
    [InlineData("tracked-sqlite-3x")]
    public void Dataset_inputs_are_read_per_run(string name)
    {
        using var fixture = Fixture.Unpack(name);
        var store = StoreFixture.Read(fixture);

        // 12 log_input calls on 11 runs (one run logged a training and an evaluation set).
        Assert.Equal(12, store.Runs.Sum(r => r.Datasets.Count));
        Assert.Equal(11, store.Runs.Count(r => r.Datasets.Count > 0));
        Assert.All(store.Runs.SelectMany(r => r.Datasets), d => Assert.False(string.IsNullOrEmpty(d.Digest)));
        Assert.Contains(store.Runs.SelectMany(r => r.Datasets), d => d.Context == "training");
    }

    [Fact]
    public void Sloppy_store_reports_removed_and_never_existing_models_as_missing()
    {
        using var fixture = Fixture.Unpack("sloppy-file");
        var store = StoreFixture.Read(fixture);
        var versions = store.RegisteredModels.Single(m => m.Name == "taxi-model").Versions.ToDictionary(v => v.Version);

        Assert.Empty(store.Problems);
        Assert.Equal(3, store.Runs.Count(r => r.Models.Count > 0));
        Assert.Equal(2, store.ModelArtifacts.Count(a => a.State == ModelArtifactState.Found));
        Assert.Equal(ModelArtifactState.Found, versions[1].Artifact!.State);
        Assert.Equal(ModelArtifactState.Missing, versions[2].Artifact!.State);
        Assert.Equal(ModelArtifactState.Missing, versions[3].Artifact!.State);
        Assert.Equal(ModelArtifactState.Missing, versions[4].Artifact!.State);
        Assert.Equal("/home/someone/old_models/taxi/model", versions[4].Artifact!.Uri);
    }

    [Fact]
    public void Sqlite_store_reports_its_alembic_revision()
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");
        using var fixture3x = Fixture.Unpack("tracked-sqlite-3x");

        Assert.Equal("f5a4f2784254", StoreFixture.Read(fixture).SchemaRevision);
        Assert.Equal("bf29a5ff90ea", StoreFixture.Read(fixture3x).SchemaRevision);
    }
}
