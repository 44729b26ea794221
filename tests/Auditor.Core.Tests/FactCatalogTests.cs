using Auditor.Core.Evidence;
using Auditor.Core.Facts;
using Auditor.Core.Rules;
using Auditor.Core.Tracking;

namespace Auditor.Core.Tests;

public sealed class FactCatalogTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static EvidenceBundle Bundle(Collected<TrackingStore> tracking) => new()
    {
        ProjectPath = "/p",
        CollectedAt = Now,
        Repository = Collected<RepositoryEvidence>.Absent("no repository"),
        Tracking = tracking,
    };

    private static Run Run(string id, RunStatus status = RunStatus.Finished, Dictionary<string, string>? tags = null, DateTimeOffset? start = null) => new()
    {
        Id = id,
        ExperimentId = "1",
        Name = id,
        Status = status,
        StartTime = start ?? Now.AddDays(-1),
        Tags = tags ?? [],
    };

    [Fact]
    public void Every_described_fact_is_derived_for_present_absent_and_failed_evidence()
    {
        var store = new TrackingStore { Kind = TrackingStoreKind.File, Uri = "./mlruns", Runs = [Run("a")] };
        foreach (var tracking in new[] { Collected<TrackingStore>.Present(store), Collected<TrackingStore>.Absent("none"), Collected<TrackingStore>.Failed("locked") })
        {
            var facts = FactCatalog.Build(Bundle(tracking)).All.Select(f => f.Name).Order().ToList();
            Assert.Equal(FactCatalog.Descriptors.Select(d => d.Name).Order(), facts);
        }
    }

    [Fact]
    public void Failed_store_makes_tracking_facts_unknown_with_the_reason()
    {
        var facts = FactCatalog.Build(Bundle(Collected<TrackingStore>.Failed("mlflow.db: file is not a database")));

        Assert.Equal("mlflow.db: file is not a database", facts.Get("runs.gitCommitShare").UnknownReason);
        Assert.Null(facts.Get("tracking.present").Value);
    }

    [Fact]
    public void Run_facts_measure_active_runs_and_name_the_offenders()
    {
        var runs = new List<Run>
        {
            Run("with-commit", tags: new() { ["mlflow.source.git.commit"] = "abc", ["mlflow.source.name"] = "train.py" }),
            Run("notebook", tags: new() { ["mlflow.source.name"] = "/opt/ipykernel_launcher.py" }),
            Run("stuck", RunStatus.Running, start: Now.AddDays(-5)),
            Run("deleted", tags: new() { ["mlflow.source.git.commit"] = "abc" }) with { Lifecycle = Lifecycle.Deleted },
        };
        var facts = FactCatalog.Build(Bundle(Collected<TrackingStore>.Present(new TrackingStore { Kind = TrackingStoreKind.File, Uri = "", Runs = runs })));

        Assert.Equal(3, facts.Get("runs.total").Value!.Number);
        Assert.Equal(1.0 / 3, facts.Get("runs.gitCommitShare").Value!.Number);
        Assert.Equal(["notebook", "stuck"], facts.Get("runs.gitCommitShare").Evidence.Select(e => e.Value).Order());
        Assert.Equal(1, facts.Get("runs.staleRunning").Value!.Number);
        Assert.Equal(1.0 / 3, facts.Get("runs.notebookShare").Value!.Number);
        Assert.Equal(1, facts.Get("runs.daysSinceLastRun").Value!.Number);
    }

    [Fact]
    public void Secrets_are_counted_and_shown_masked()
    {
        var run = Run("r") with { Params = new Dictionary<string, string> { ["api_key"] = "sk-abcdefghijklmnopqrstuvwxyz" } };
        var facts = FactCatalog.Build(Bundle(Collected<TrackingStore>.Present(new TrackingStore { Kind = TrackingStoreKind.File, Uri = "", Runs = [run] })));

        var secrets = facts.Get("security.secretsInTrackingData");
        Assert.Equal(1, secrets.Value!.Number);
        var detail = Assert.Single(secrets.Evidence).Detail!;
        Assert.Contains("sk-a…", detail);
        Assert.DoesNotContain("abcdefghijklmnopqrstuvwxyz", detail);
    }

    [Fact]
    public void Trace_facts_read_the_trace_the_pipeline_built_once_and_build_it_themselves_without_one()
    {
        var store = new TrackingStore
        {
            Kind = TrackingStoreKind.File,
            Uri = "./mlruns",
            RegisteredModels = [new RegisteredModel { Name = "m", Versions = [new ModelVersion { ModelName = "m", Version = 1, RunId = "gone" }] }],
        };
        var bundle = Bundle(Collected<TrackingStore>.Present(store));
        var built = Trace.TraceBuilder.Build(bundle);

        var own = FactCatalog.Build(bundle).Get("trace.reproducibleShare");
        var shared = FactCatalog.Build(bundle with { Traces = built }).Get("trace.reproducibleShare");
        var none = FactCatalog.Build(bundle with { Traces = [] }).Get("trace.reproducibleShare");

        Assert.Single(built);
        Assert.Equal(0.0, own.Value!.Number);
        Assert.Equal(own.Value, shared.Value);
        Assert.Equal(own.Evidence, shared.Evidence);
        Assert.Null(none.Value); // the given (empty) trace is what the facts judged: nothing to measure
    }
}
