using Auditor.Core.Tracking;

namespace Auditor.Evidence.MLflow.Tests;

/// <summary>File store formats of MLflow versions the fixtures do not cover (spec §2).</summary>
public sealed class FileStoreFormatTests
{
    private const string RunId = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";

    [Fact]
    public void Pre_1_0_metric_lines_have_two_fields_and_step_zero()
    {
        using var builder = new FileStoreBuilder();
        var run = builder.Run(builder.Experiment("1", "old"), RunId, FileStoreBuilder.RunMeta("1", RunId));
        builder.Value(run, "metrics", "rmse", "1500000000 0.5\n1500000001 0.4\n");

        var metric = Assert.Single(builder.Read().Runs).Metrics["rmse"];

        Assert.Equal(2, metric.Count);
        Assert.Equal(1, metric.Steps);
        Assert.Equal(0.4, metric.Last);
    }

    [Fact]
    public void Windows_line_endings_and_five_field_lines_are_metric_points()
    {
        using var builder = new FileStoreBuilder();
        var run = builder.Run(builder.Experiment("1", "e"), RunId, FileStoreBuilder.RunMeta("1", RunId));
        builder.Value(run, "metrics", "loss", "1714000000000 nan 0\r\n1714000000001 inf 1 train 4e1b8f5c\r\n1714000000002 -1.5e-05 2\r\n");

        var metric = Assert.Single(builder.Read().Runs).Metrics["loss"];

        Assert.Equal(3, metric.Count);
        Assert.Equal(3, metric.Steps);
        Assert.True(metric.HasNonFinite);
        Assert.Equal(-1.5e-05, metric.Last);
    }

    [Theory]
    [InlineData("0 0 1 1 2", 3)]
    [InlineData("0 5 3 5 1 0", 4)]
    [InlineData("7 7 7", 1)]
    public void Distinct_steps_are_counted_whether_or_not_they_were_logged_in_order(string steps, int distinct)
    {
        using var builder = new FileStoreBuilder();
        var run = builder.Run(builder.Experiment("1", "e"), RunId, FileStoreBuilder.RunMeta("1", RunId));
        var lines = steps.Split(' ').Select((step, i) => $"{1714000000000 + i} {i}.5 {step}\n");
        builder.Value(run, "metrics", "loss", string.Concat(lines));

        var metric = Assert.Single(builder.Read().Runs).Metrics["loss"];

        Assert.Equal(steps.Split(' ').Length, metric.Count);
        Assert.Equal(distinct, metric.Steps);
    }

    [Fact]
    public void Experiments_in_trash_are_deleted_with_their_runs()
    {
        using var builder = new FileStoreBuilder();
        builder.Experiment("0", "Default");
        var trashed = builder.Experiment("7", "scratch", lifecycle: "deleted", trashed: true);
        builder.Run(trashed, RunId, FileStoreBuilder.RunMeta("7", RunId));

        var store = builder.Read();

        Assert.Equal(Lifecycle.Deleted, Assert.Single(store.Experiments, e => e.Id == "7").Lifecycle);
        Assert.Equal("7", Assert.Single(store.Runs).ExperimentId);
    }

    [Fact]
    public void Keys_containing_a_slash_are_nested_folders()
    {
        using var builder = new FileStoreBuilder();
        var experiment = builder.Experiment("1", "e");
        FileStoreBuilder.Write(Path.Combine(experiment, "tags", "team", "owner"), "data-science");
        var run = builder.Run(experiment, RunId, FileStoreBuilder.RunMeta("1", RunId));
        builder.Value(run, "params", "optimizer/lr", "0.01")
            .Value(run, "tags", "git/branch", "main")
            .Value(run, "metrics", "val/rmse", "1714000000000 3.5 0\n");

        var store = builder.Read();
        var read = Assert.Single(store.Runs);

        Assert.Equal("0.01", read.Params["optimizer/lr"]);
        Assert.Equal("main", read.Tags["git/branch"]);
        Assert.Equal(3.5, read.Metrics["val/rmse"].Last);
        Assert.Equal("data-science", store.Experiments[0].Tags["team/owner"]);
    }

    [Fact]
    public void Pre_1_0_run_meta_has_only_run_uuid()
    {
        using var builder = new FileStoreBuilder();
        builder.Run(builder.Experiment("0", "Default"), RunId,
            $"artifact_uri: /tmp/x/mlruns/0/{RunId}/artifacts\nend_time: 1500000100\nentry_point_name: ''\nexperiment_id: 0\n" +
            $"name: ''\nrun_uuid: {RunId}\nsource_name: train.py\nsource_type: 4\nsource_version: abc\nstart_time: 1500000000\nstatus: 3\ntags: []\nuser_id: alice\n");

        var run = Assert.Single(builder.Read().Runs);

        Assert.Equal(RunId, run.Id);
        Assert.Equal(Lifecycle.Active, run.Lifecycle);
    }

    [Fact]
    public void Empty_name_of_1_x_falls_back_to_the_run_name_tag_and_status_may_be_a_string()
    {
        using var builder = new FileStoreBuilder();
        var meta = FileStoreBuilder.RunMeta("0", RunId, status: "FAILED").Replace("run_name: run\n", "name: ''\n");
        var run = builder.Run(builder.Experiment("0", "Default"), RunId, meta);
        builder.Value(run, "tags", SystemTags.RunName, "legacy-run")
            .Value(run, "tags", SystemTags.ParentRunId, "ffffffffffffffffffffffffffffffff");

        var read = Assert.Single(builder.Read().Runs);

        Assert.Equal("legacy-run", read.Name);
        Assert.Equal(RunStatus.Failed, read.Status);
        Assert.Equal("alice", read.UserId);
        Assert.Equal("ffffffffffffffffffffffffffffffff", read.ParentRunId);
    }

    [Fact]
    public void A_meta_yaml_that_cannot_be_read_is_a_problem_naming_the_file_and_the_read_goes_on()
    {
        using var builder = new FileStoreBuilder();
        var experiment = builder.Experiment("1", "e");
        builder.Run(experiment, RunId, FileStoreBuilder.RunMeta("1", RunId));
        var broken = builder.Run(experiment, "ffffffffffffffffffffffffffffffff", "run_id: [unclosed\n");
        var badMetric = builder.Run(experiment, "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee", FileStoreBuilder.RunMeta("1", "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"));
        builder.Value(badMetric, "metrics", "rmse", "1714000000000 0.5 0\nnot a metric\n");

        var store = builder.Read();

        Assert.Equal(2, store.Runs.Count);
        Assert.Contains(store.Problems, p => p.Path == Path.Combine(broken, "meta.yaml") && p.Message.Contains("YAML", StringComparison.Ordinal));
        Assert.Contains(store.Problems, p => p.Path == Path.Combine(badMetric, "metrics", "rmse") && p.Message.Contains("line 2", StringComparison.Ordinal));
    }
}
