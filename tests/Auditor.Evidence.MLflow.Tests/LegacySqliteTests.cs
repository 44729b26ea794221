using Auditor.Core.Tracking;
using Auditor.Evidence.MLflow.Sql;

namespace Auditor.Evidence.MLflow.Tests;

/// <summary>SQL stores of MLflow 1.x schema generations: tables and columns added later are absent (spec §4.2).</summary>
public sealed class LegacySqliteTests
{
    private const string Rows = """
        INSERT INTO experiments VALUES (0, 'Default', '/home/alice/old/mlruns/0', 'active');
        INSERT INTO runs VALUES ('0a1b2c3d4e5f60718293a4b5c6d7e8f9', '', 'LOCAL', '', '', 'alice', 'FINISHED', 1560000000000, 1560000100000, '', 'active', '/home/alice/old/mlruns/0/0a1b2c3d4e5f60718293a4b5c6d7e8f9/artifacts', 0);
        INSERT INTO runs VALUES ('ffffffffffffffffffffffffffffffff', '', 'LOCAL', '', '', 'bob', 'KILLED', 1560000200000, NULL, '', 'deleted', '/home/alice/old/mlruns/0/ffffffffffffffffffffffffffffffff/artifacts', 0);
        INSERT INTO tags VALUES ('mlflow.runName', 'legacy-run', '0a1b2c3d4e5f60718293a4b5c6d7e8f9');
        INSERT INTO tags VALUES ('mlflow.source.git.commit', 'abcdef0123456789abcdef0123456789abcdef01', '0a1b2c3d4e5f60718293a4b5c6d7e8f9');
        INSERT INTO params VALUES ('alpha', '0.5', '0a1b2c3d4e5f60718293a4b5c6d7e8f9');
        """;

    [Fact]
    public void Mlflow_1_0_store_without_is_nan_latest_metrics_experiment_tags_or_registry()
    {
        using var db = new LegacySqliteBuilder(LegacySqliteBuilder.Mlflow10).Execute(Rows + """
            INSERT INTO metrics VALUES ('rmse', 3.0, 1560000000001, '0a1b2c3d4e5f60718293a4b5c6d7e8f9', 0);
            INSERT INTO metrics VALUES ('rmse', 2.0, 1560000000002, '0a1b2c3d4e5f60718293a4b5c6d7e8f9', 1);
            INSERT INTO metrics VALUES ('rmse', 2.5, 1560000000000, '0a1b2c3d4e5f60718293a4b5c6d7e8f9', 1);
            """);

        var store = SqliteStoreReader.Read(db.Path, "sqlite:///mlflow.db");

        Assert.Equal("90e64c465722", store.SchemaRevision);
        Assert.Equal(2, store.Runs.Count);
        var run = store.Runs.Single(r => r.Id == "0a1b2c3d4e5f60718293a4b5c6d7e8f9");
        Assert.Equal("legacy-run", run.Name);
        Assert.Equal(RunStatus.Finished, run.Status);
        Assert.NotNull(run.GitCommit);
        Assert.Equal("0.5", run.Params["alpha"]);
        var rmse = run.Metrics["rmse"];
        Assert.Equal((3, 2, 2.0, 2.0, 3.0), (rmse.Count, rmse.Steps, rmse.Last, rmse.Min, rmse.Max));
        var killed = store.Runs.Single(r => r.Status == RunStatus.Killed);
        Assert.Equal(Lifecycle.Deleted, killed.Lifecycle);
        Assert.Null(killed.EndTime);
        Assert.Empty(store.RegisteredModels);
        Assert.Empty(store.LoggedModels);
        Assert.Empty(store.Problems);
    }

    [Fact]
    public void Mlflow_1_4_store_with_registry_but_no_aliases_datasets_or_run_links()
    {
        using var db = new LegacySqliteBuilder(LegacySqliteBuilder.Mlflow14).Execute(Rows + """
            INSERT INTO experiment_tags VALUES ('team', 'taxi', 0);
            INSERT INTO metrics VALUES ('rmse', 0, 1560000000001, '0a1b2c3d4e5f60718293a4b5c6d7e8f9', 0, 1);
            INSERT INTO metrics VALUES ('rmse', 2.0, 1560000000002, '0a1b2c3d4e5f60718293a4b5c6d7e8f9', 1, 0);
            INSERT INTO latest_metrics VALUES ('rmse', 2.0, 1560000000002, 1, 0, '0a1b2c3d4e5f60718293a4b5c6d7e8f9');
            INSERT INTO registered_models VALUES ('taxi', 1560000300000, 1560000300000, 'old model');
            INSERT INTO model_versions VALUES ('taxi', 1, 1560000300000, 1560000300000, NULL, 'alice', 'Production',
                '/home/alice/old/mlruns/0/0a1b2c3d4e5f60718293a4b5c6d7e8f9/artifacts/model', '0a1b2c3d4e5f60718293a4b5c6d7e8f9', 'READY', NULL);
            """);

        var store = SqliteStoreReader.Read(db.Path, "sqlite:///mlflow.db");

        Assert.Equal("2b4d017a5e9b", store.SchemaRevision);
        Assert.Equal("taxi", store.Experiments[0].Tags["team"]);
        var rmse = store.Runs.Single(r => r.Id == "0a1b2c3d4e5f60718293a4b5c6d7e8f9").Metrics["rmse"];
        Assert.Equal((2, 2.0, true), (rmse.Count, rmse.Last, rmse.HasNonFinite));
        var version = Assert.Single(Assert.Single(store.RegisteredModels).Versions);
        Assert.Equal(("Production", "0a1b2c3d4e5f60718293a4b5c6d7e8f9"), (version.Stage, version.RunId));
        Assert.Empty(version.Aliases);
        Assert.Equal(ModelArtifactState.Missing, version.Artifact!.State);
        Assert.All(store.Runs, r => Assert.Empty(r.Datasets));
    }
}
