using System.Text.Json;
using Auditor.Core.Tracking;
using Auditor.Testing;

namespace Auditor.Evidence.MLflow.Tests;

/// <summary>
/// Reads every MLflow-written fixture store and compares it with what MLflow's own client read back
/// (tests/TestData/fixtures/expected/*.inventory.json).
/// </summary>
public sealed class FixtureInventoryTests
{
    public static TheoryData<string, TrackingStoreKind> Stores => new()
    {
        { "tracked-file", TrackingStoreKind.File },
        { "tracked-sqlite", TrackingStoreKind.Sqlite },
        { "tracked-file-3x", TrackingStoreKind.File },
        { "tracked-sqlite-3x", TrackingStoreKind.Sqlite },
        { "sloppy-file", TrackingStoreKind.File },
        { "genai-file-3x", TrackingStoreKind.File },
        { "genai-sqlite-3x", TrackingStoreKind.Sqlite },
    };

    [Theory]
    [MemberData(nameof(Stores))]
    public void Totals_match_what_mlflow_read_back(string name, TrackingStoreKind kind)
    {
        using var fixture = Fixture.Unpack(name);
        var store = StoreFixture.Read(fixture);
        var totals = Fixture.Expected(name).GetProperty("totals");

        Assert.Equal(kind, store.Kind);
        Assert.Empty(store.Problems);
        Assert.Equal(Int(totals, "experiments"), store.Experiments.Count);
        Assert.Equal(Int(totals, "experiments_deleted"), store.Experiments.Count(e => e.Lifecycle == Lifecycle.Deleted));
        Assert.Equal(Int(totals, "runs"), store.Runs.Count);
        Assert.Equal(Int(totals, "lifecycle_active"), store.Runs.Count(r => r.Lifecycle == Lifecycle.Active));
        Assert.Equal(Int(totals, "lifecycle_deleted"), store.Runs.Count(r => r.Lifecycle == Lifecycle.Deleted));
        foreach (var status in Enum.GetValues<RunStatus>())
        {
            Assert.Equal(Int(totals, "status_" + status.ToString().ToUpperInvariant()), store.Runs.Count(r => r.Status == status));
        }

        Assert.Equal(Int(totals, "runs_with_git_commit"), store.Runs.Count(r => r.GitCommit is not null));
        Assert.Equal(Int(totals, "params"), store.Runs.Sum(r => r.Params.Count));
        Assert.Equal(Int(totals, "metric_keys"), store.Runs.Sum(r => r.Metrics.Count));
        Assert.Equal(Int(totals, "metric_values"), store.Runs.Sum(r => r.Metrics.Values.Sum(m => m.Count)));
        Assert.Equal(Int(totals, "tags"), store.Runs.Sum(r => r.Tags.Count));
        Assert.Equal(Int(totals, "nested_child_runs"), store.Runs.Count(r => r.ParentRunId is not null));
        if (totals.TryGetProperty("runs_without_params", out var withoutParams))
        {
            Assert.Equal(withoutParams.GetInt32(), store.Runs.Count(r => r.Params.Count == 0));
        }
        Assert.Equal(Int(totals, "registered_models"), store.RegisteredModels.Count);
        Assert.Equal(Int(totals, "model_versions"), store.RegisteredModels.Sum(m => m.Versions.Count));
        Assert.Equal(Int(totals, "logged_models"), store.LoggedModels.Count);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public void Each_experiment_matches(string name, TrackingStoreKind kind)
    {
        _ = kind;
        using var fixture = Fixture.Unpack(name);
        var store = StoreFixture.Read(fixture);

        foreach (var expected in Fixture.Expected(name).GetProperty("experiments").EnumerateArray())
        {
            var experimentName = expected.GetProperty("name").GetString()!;
            var experiment = Assert.Single(store.Experiments, e => e.Name == experimentName);
            Assert.Equal(expected.GetProperty("lifecycle").GetString(), experiment.Lifecycle.ToString().ToLowerInvariant());
            var runs = store.Runs.Where(r => r.ExperimentId == experiment.Id).ToList();
            Assert.Equal(Int(expected, "runs"), runs.Count);
            Assert.Equal(Int(expected, "params"), runs.Sum(r => r.Params.Count));
            Assert.Equal(Int(expected, "tags"), runs.Sum(r => r.Tags.Count));
            Assert.Equal(Int(expected, "metric_keys"), runs.Sum(r => r.Metrics.Count));

            var commits = expected.GetProperty("git_commit_runs").EnumerateArray()
                .Select(pair => (Run: pair[0].GetString()!, Prefix: pair[1].GetString()!))
                .OrderBy(p => p.Run, StringComparer.Ordinal).ToList();
            var actual = runs.Where(r => r.GitCommit is not null)
                .Select(r => (Run: r.Name!, Prefix: r.GitCommit![..10]))
                .OrderBy(p => p.Run, StringComparer.Ordinal).ToList();
            Assert.Equal(commits, actual);
        }
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public void Registered_versions_have_the_stages_aliases_and_runs_mlflow_reports(string name, TrackingStoreKind kind)
    {
        _ = kind;
        using var fixture = Fixture.Unpack(name);
        var store = StoreFixture.Read(fixture);

        foreach (var expected in Fixture.Expected(name).GetProperty("registered_models").EnumerateArray())
        {
            var model = Assert.Single(store.RegisteredModels, m => m.Name == expected.GetProperty("name").GetString());
            var aliases = expected.GetProperty("aliases").EnumerateObject().ToDictionary(a => a.Name, a => a.Value.ValueKind == JsonValueKind.Number ? a.Value.GetInt32() : int.Parse(a.Value.GetString()!));
            Assert.Equal(aliases.OrderBy(a => a.Key), model.Aliases.OrderBy(a => a.Key));

            var versions = expected.GetProperty("versions").EnumerateArray().ToList();
            Assert.Equal(versions.Count, model.Versions.Count);
            foreach (var (want, got) in versions.Zip(model.Versions))
            {
                Assert.Equal(want.GetProperty("v").GetInt32(), got.Version);
                Assert.Equal(want.GetProperty("stage").GetString(), got.Stage);
                Assert.Equal(want.GetProperty("run_id").GetString(), got.RunId);
                Assert.Equal(want.GetProperty("source").GetString(), got.Source);
                Assert.Equal(aliases.Where(a => a.Value == got.Version).Select(a => a.Key).Order(), got.Aliases);
            }
        }
    }

    [Theory]
    [InlineData("tracked-file", "tracked-sqlite")]
    [InlineData("tracked-file-3x", "tracked-sqlite-3x")]
    public void File_and_sqlite_copies_of_one_project_give_the_same_facts(string fileStore, string sqliteStore)
    {
        using var fileFixture = Fixture.Unpack(fileStore);
        using var sqliteFixture = Fixture.Unpack(sqliteStore);
        var file = StoreFixture.Read(fileFixture);
        var sqlite = StoreFixture.Read(sqliteFixture);

        Assert.Equal(Facts(file), Facts(sqlite));
    }

    /// <summary>
    /// Store facts that do not depend on the backend's ids and paths, or on the 3.x file store's duplicated metric
    /// lines. Each copy of the project is its own git repository, so commits differ (that one is recorded does not), and
    /// ids and runs named by MLflow at random differ too, so runs are matched by their order in time and
    /// versions and logged models by their run's place in that order.
    /// </summary>
    private static string Facts(TrackingStore store)
    {
        var experiments = store.Experiments.ToDictionary(e => e.Id, e => e.Name);
        var ordered = store.Runs.OrderBy(r => experiments[r.ExperimentId], StringComparer.Ordinal).ThenBy(r => r.StartTime).ToList();
        int RunIndex(string? id) => ordered.FindIndex(r => r.Id == id);
        var runs = ordered
            .Select(r => new
            {
                Experiment = experiments[r.ExperimentId],
                r.Status,
                r.Lifecycle,
                r.UserId,
                RecordsCommit = r.GitCommit is not null,
                Params = r.Params.OrderBy(p => p.Key, StringComparer.Ordinal).ToList(),
                Tags = r.Tags.Keys.Order(StringComparer.Ordinal).ToList(),
                Metrics = r.Metrics.Values.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => new { m.Key, m.Steps, m.Last, m.Min, m.Max }).ToList(),
                Datasets = r.Datasets.Select(d => new { d.Name, d.Digest, d.SourceType, d.Context }).ToList(),
                Outputs = r.OutputModelIds.Count,
            });
        var models = store.RegisteredModels.Select(m => new
        {
            m.Name,
            m.Description,
            Aliases = m.Aliases.OrderBy(a => a.Key, StringComparer.Ordinal).ToList(),
            Versions = m.Versions.Select(v => new { v.Version, v.Stage, Run = RunIndex(v.RunId), HasModelId = v.ModelId is not null, v.Aliases }).ToList(),
        });
        var logged = store.LoggedModels.Select(m => new { Run = RunIndex(m.SourceRunId), m.Status, Params = m.Params.Count, Tags = m.Tags.Count })
            .OrderBy(m => m.Run);
        return JsonSerializer.Serialize(new { runs, models, logged });
    }

    private static int Int(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) ? value.GetInt32() : 0;
}
