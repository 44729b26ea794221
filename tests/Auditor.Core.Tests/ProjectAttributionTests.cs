using Auditor.Core.Tracking;

namespace Auditor.Core.Tests;

/// <summary>Runs of a shared store go to the project their evidence names: source path, experiment tag or name, parent run.</summary>
public sealed class ProjectAttributionTests
{
    private static readonly string[] Projects = ["projects/churn", "projects/taxi", "projects/taxi/eval"];

    [Fact]
    public void Source_path_then_experiment_tag_then_experiment_name_then_parent_run_decide_the_project()
    {
        var store = new TrackingStore
        {
            Kind = TrackingStoreKind.File,
            Uri = "./mlruns",
            Experiments =
            [
                new Experiment { Id = "1", Name = "shared" },
                new Experiment { Id = "2", Name = "/Users/ana/churn-experiments" },
                new Experiment { Id = "3", Name = "whatever", Tags = new Dictionary<string, string> { [ProjectAttribution.ProjectTag] = "projects/taxi" } },
            ],
            Runs =
            [
                Run("relative", "1", source: "projects/churn/train.py"),
                Run("absolute", "1", source: "/home/ci/work/repo/projects/taxi/eval/score.py"),
                Run("windows", "1", source: "C:\\work\\repo\\projects\\taxi\\train.py"),
                Run("named", "2"),
                Run("tagged", "3"),
                Run("child", "1", parent: "relative"),
                Run("orphan", "1", source: "notebooks/explore.ipynb"),
            ],
            RegisteredModels =
            [
                new RegisteredModel
                {
                    Name = "churn",
                    Aliases = new Dictionary<string, int> { ["champion"] = 1, ["taxi-one"] = 2 },
                    Versions = [new ModelVersion { ModelName = "churn", Version = 1, RunId = "named" }, new ModelVersion { ModelName = "churn", Version = 2, RunId = "windows" }],
                },
            ],
        };

        var attribution = new ProjectAttribution(store, Projects);

        var byRun = store.Runs.ToDictionary(r => r.Id, attribution.ProjectOf);
        Assert.Equal("projects/churn", byRun["relative"]);
        Assert.Equal("projects/taxi/eval", byRun["absolute"]);
        Assert.Equal("projects/taxi", byRun["windows"]);
        Assert.Equal("projects/churn", byRun["named"]);
        Assert.Equal("projects/taxi", byRun["tagged"]);
        Assert.Equal("projects/churn", byRun["child"]);
        Assert.Null(byRun["orphan"]);
        Assert.Equal(["orphan"], attribution.Unattributed.Select(r => r.Id));

        var churn = attribution.Scope(store, "projects/churn");
        Assert.Equal(["relative", "named", "child"], churn.Runs.Select(r => r.Id));
        Assert.Equal(["1", "2"], churn.Experiments.Select(e => e.Id));
        var model = Assert.Single(churn.RegisteredModels);
        Assert.Equal([1], model.Versions.Select(v => v.Version));
        Assert.Equal(["champion"], model.Aliases.Keys);
        var taxi = attribution.Scope(store, "projects/taxi");
        Assert.Equal([2], Assert.Single(taxi.RegisteredModels).Versions.Select(v => v.Version));
        Assert.Empty(attribution.Scope(store, "projects/none").Runs);
    }

    private static Run Run(string id, string experiment, string? source = null, string? parent = null)
    {
        var tags = new Dictionary<string, string>();
        if (source is not null)
        {
            tags[SystemTags.SourceName] = source;
        }

        if (parent is not null)
        {
            tags[SystemTags.ParentRunId] = parent;
        }

        return new Run { Id = id, ExperimentId = experiment, Tags = tags };
    }
}
