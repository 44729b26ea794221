using System.Text;
using System.Text.Json;
using Auditor.Core.Tracking;
using Auditor.Evidence.MLflow.Rest;

namespace Auditor.Evidence.MLflow.Tests;

/// <summary>
/// runs/search pages read straight from their bytes: the tolerance MLflow's protobuf JSON needs (int64 quoted or not,
/// NaN and infinities as strings, omitted fields), fields of the wrong kind taken as absent, the last of a repeated key,
/// escapes in names and values, and a page that is not JSON refused.
/// </summary>
public sealed class RestRunReaderTests
{
    private static Run One(string run) => Assert.Single(Page($$"""{"runs": [{{run}}]}""").Items);

    private static ReadPage<Run> Page(string json) => RestRunReader.ReadPage(Encoding.UTF8.GetBytes(json), new StringPool());

    [Fact]
    public void A_run_of_a_recorded_shape_is_read_whole()
    {
        var run = One("""
            {"info": {"run_uuid": "r1", "experiment_id": "7", "run_name": "gbm", "user_id": "alice", "status": "FINISHED",
                      "start_time": 1735776143821, "end_time": "1735776720037", "artifact_uri": "s3://b/7/r1/artifacts",
                      "lifecycle_stage": "deleted", "run_id": "r1"},
             "data": {"metrics": [{"key": "rmse", "value": 7.5, "timestamp": 1, "step": 19}],
                      "params": [{"key": "alpha", "value": "0.5"}],
                      "tags": [{"key": "mlflow.source.name", "value": "train.py"}]},
             "inputs": {"dataset_inputs": [{"tags": [{"key": "mlflow.data.context", "value": "training"}],
                                            "dataset": {"name": "taxi", "digest": "d1", "source_type": "local", "source": "data.csv"}}],
                        "model_inputs": [{"model_id": "m-2"}, {"model_id": "m-1"}]},
             "outputs": {"model_outputs": [{"model_id": "m-9", "step": 0}]}}
            """);

        Assert.Equal(("r1", "7", "gbm", "alice"), (run.Id, run.ExperimentId, run.Name, run.UserId));
        Assert.Equal((RunStatus.Finished, Lifecycle.Deleted), (run.Status, run.Lifecycle));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1735776143821), run.StartTime);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1735776720037), run.EndTime);
        Assert.Equal("s3://b/7/r1/artifacts", run.ArtifactUri);
        Assert.Equal(new MetricSummary { Key = "rmse", Count = 1, Steps = 1, Last = 7.5, Min = 7.5, Max = 7.5, HasNonFinite = false }, run.Metrics["rmse"]);
        Assert.Equal("0.5", run.Params["alpha"]);
        Assert.Equal("train.py", run.Tags[SystemTags.SourceName]);
        var dataset = Assert.Single(run.Datasets);
        Assert.Equal(("taxi", "d1", "local", "data.csv", "training"), (dataset.Name, dataset.Digest, dataset.SourceType, dataset.Source, dataset.Context));
        Assert.Equal(["m-1", "m-2"], run.InputModelIds);
        Assert.Equal(["m-9"], run.OutputModelIds);
    }

    [Fact]
    public void Metric_values_may_be_strings_for_NaN_and_the_infinities()
    {
        var run = One("""
            {"info": {"run_id": "r1"}, "data": {"metrics": [
              {"key": "a", "value": "NaN"}, {"key": "b", "value": "Infinity"}, {"key": "c", "value": "-Infinity"},
              {"key": "d", "value": "2.5"}, {"key": "e", "value": {}}, {"key": "f"}, {"value": 1}, 3]}}
            """);

        Assert.True(double.IsNaN(run.Metrics["a"].Last));
        Assert.Equal(double.PositiveInfinity, run.Metrics["b"].Last);
        Assert.Equal(double.NegativeInfinity, run.Metrics["c"].Last);
        Assert.True(run.Metrics["c"].HasNonFinite && double.IsNaN(run.Metrics["c"].Min));
        Assert.Equal(2.5, run.Metrics["d"].Last);
        Assert.True(double.IsNaN(run.Metrics["e"].Last) && double.IsNaN(run.Metrics["f"].Last));
        Assert.Equal(["a", "b", "c", "d", "e", "f"], run.Metrics.Keys);
    }

    [Fact]
    public void Fields_of_the_wrong_kind_are_absent_and_text_is_taken_from_numbers_and_booleans()
    {
        var run = One("""
            {"info": {"run_id": 12, "experiment_id": true, "start_time": "soon", "end_time": -5, "run_name": ["x"], "user_id": null},
             "data": {"params": [{"key": "n", "value": 5}, {"key": "flag", "value": false}, {"key": "gone", "value": {}}, "p", 4, {"value": "no key"}],
                      "tags": "x", "metrics": {"key": "m"}},
             "inputs": {"dataset_inputs": [7, {"dataset": "x"}], "model_inputs": [{"model_id": {}}, "m", {"model_id": 3}]},
             "outputs": []}
            """);

        Assert.Equal(("12", "true"), (run.Id, run.ExperimentId));
        Assert.Null(run.StartTime);
        Assert.Null(run.EndTime);
        Assert.Null(run.Name);
        Assert.Null(run.UserId);
        Assert.Equal(new Dictionary<string, string> { ["n"] = "5", ["flag"] = "false", ["gone"] = "" }, run.Params);
        Assert.Empty(run.Tags);
        Assert.Empty(run.Metrics);
        // A dataset input that is not an object, or whose dataset is not one, is still an input, with no fields.
        Assert.Equal(2, run.Datasets.Count);
        Assert.All(run.Datasets, d => Assert.Equal(("", "", null, null, null), (d.Name, d.Digest, d.SourceType, d.Source, d.Context)));
        Assert.Equal(["3"], run.InputModelIds);
        Assert.Empty(run.OutputModelIds);
    }

    [Fact]
    public void The_last_of_a_repeated_key_wins_at_every_level()
    {
        var run = One("""
            {"info": {"run_id": "first"}, "info": {"run_id": "r1", "run_id": "r2", "run_name": ""},
             "data": {"tags": [{"key": "mlflow.runName", "value": "old"}, {"key": "mlflow.runName", "value": "from-tag", "value": "last"},
                               {"key": "mlflow.user", "value": "bob"}],
                      "params": [{"key": "a", "value": "1"}, {"key": "a", "value": "2"}]}}
            """);

        Assert.Equal("r2", run.Id);
        // An empty run_name falls back to the mlflow.runName tag, as user_id to mlflow.user.
        Assert.Equal("last", run.Name);
        Assert.Equal("bob", run.UserId);
        Assert.Equal("2", run.Params["a"]);
        Assert.Equal(["mlflow.runName", "mlflow.user"], run.Tags.Keys);
    }

    [Fact]
    public void Escapes_in_names_and_values_are_read_as_JSON_means_them()
    {
        var run = One("""
            {"info": {"ru\u006e_id": "r\u0031", "run_name": "caf\u00e9 \"quoted\""},
             "data": {"params": [{"k\u0065y": "p\\ath", "value": "tab\there"}]}}
            """);

        Assert.Equal("r1", run.Id);
        Assert.Equal("café \"quoted\"", run.Name);
        Assert.Equal("tab\there", run.Params["p\\ath"]);
    }

    [Fact]
    public void A_run_that_is_not_an_object_is_a_run_with_no_fields()
    {
        var page = Page("""{"runs": [7, null, {"info": {"run_id": "r1"}}], "next_page_token": "t2"}""");

        Assert.Equal(JsonValueKind.Object, page.Kind);
        Assert.Equal(["", "", "r1"], page.Items.Select(r => r.Id));
        Assert.Equal("t2", page.NextPageToken);
    }

    [Theory]
    [InlineData("""{"runs": [{"info": {"run_id": "r1"}}], "runs": "later"}""", 0, null)]
    [InlineData("""{"runs": [], "next_page_token": 3}""", 0, null)]
    [InlineData("""{"next_page_token": "a", "runs": [{}], "next_page_token": "b"}""", 1, "b")]
    [InlineData("""{}""", 0, null)]
    public void The_page_takes_the_last_runs_and_token_given(string json, int runs, string? token)
    {
        var page = Page(json);

        Assert.Equal(runs, page.Items.Count);
        Assert.Equal(token, page.NextPageToken);
    }

    [Theory]
    [InlineData("[]", JsonValueKind.Array)]
    [InlineData("\"runs\"", JsonValueKind.String)]
    [InlineData("null", JsonValueKind.Null)]
    public void A_page_that_is_not_an_object_says_what_it_is(string json, JsonValueKind kind)
    {
        var page = Page(json);

        Assert.Equal(kind, page.Kind);
        Assert.Empty(page.Items);
    }

    [Theory]
    [InlineData("""{"runs": [{"info": {"run_id": "r1"}""")]
    [InlineData("""{"runs": []} {"runs": []}""")]
    [InlineData("""{"runs": [{"info": {"run_id": 'r1'}}]}""")]
    [InlineData("")]
    public void A_page_that_is_not_complete_JSON_is_refused(string json) =>
        Assert.ThrowsAny<JsonException>(() => Page(json));

    [Fact]
    public void Keys_and_short_values_are_shared_across_runs()
    {
        var page = Page("""
            {"runs": [{"data": {"tags": [{"key": "team", "value": "vision"}]}}, {"data": {"tags": [{"key": "team", "value": "vision"}]}}]}
            """);

        var (first, second) = (page.Items[0].Tags.Single(), page.Items[1].Tags.Single());
        Assert.Same(first.Key, second.Key);
        Assert.Same(first.Value, second.Value);
    }

    [Fact]
    public void A_run_element_reads_as_the_same_run_in_a_page()
    {
        const string run = """{"info": {"run_id": "r1", "start_time": "5"}, "data": {"params": [{"key": "a", "value": "1"}]}, "inputs": {"model_inputs": [{"model_id": "m"}]}}""";
        using var document = JsonDocument.Parse($$"""{"run": {{run}}}""");

        var fromElement = RestModelMapper.Run(document.RootElement.GetProperty("run"));
        var fromPage = One(run);

        Assert.Equal((fromPage.Id, fromPage.StartTime, fromPage.Params["a"]), (fromElement.Id, fromElement.StartTime, fromElement.Params["a"]));
        Assert.Equal(fromPage.InputModelIds, fromElement.InputModelIds);
        Assert.Equal("", RestModelMapper.Run(default).Id);
    }
}
