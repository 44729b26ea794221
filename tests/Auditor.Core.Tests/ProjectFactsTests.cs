using Auditor.Core.Evidence;
using Auditor.Core.Facts;
using Auditor.Core.Tracking;

namespace Auditor.Core.Tests;

public sealed class ProjectFactsTests
{
    private static readonly SourceLocation Workflow = new(".github/workflows/ci.yml", null, "abc");

    [Fact]
    public void Project_facts_follow_the_evidence_and_cite_it()
    {
        var project = new ProjectEvidence
        {
            Root = "/p",
            Environments =
            [
                new EnvironmentFile
                {
                    Location = new("requirements.txt"),
                    Kind = "requirements",
                    Requirements = [new("pandas", "==2.2.2", true, 1), new("numpy", "", false, 2), new("torch", "==2.3.0", true, 3), new("scipy", ">=1", false, 4)],
                },
            ],
            Ci =
            [
                new CiWorkflow
                {
                    Location = Workflow,
                    Provider = "github-actions",
                    Triggers = [CiTrigger.PullRequest],
                    Steps = [new CiStep(CiStepKind.Test, "test", "pytest", Workflow with { Line = 9 })],
                },
            ],
            Tests = new TestSuite { Files = [new TestFile(new("tests/test_x.py"), "pytest", [])] },
            Pipelines = [new PipelineDefinition(new("Makefile"), "makefile", ["train"])],
        };

        var facts = FactCatalog.Build(Bundle(Collected<ProjectEvidence>.Present(project)));

        Assert.True(facts.Get("ci.runsTestsOnPullRequest").Value!.Boolean);
        Assert.Equal(".github/workflows/ci.yml:9", Assert.Single(facts.Get("ci.runsTestsOnPullRequest").Evidence).Value);
        Assert.False(facts.Get("ci.trains").Value!.Boolean);
        Assert.Equal(0.5, facts.Get("environment.pinnedShare").Value!.Number);
        Assert.Equal(["requirements.txt:2", "requirements.txt:4"], facts.Get("environment.pinnedShare").Evidence.Select(e => e.Value));
        Assert.True(facts.Get("tests.present").Value!.Boolean);
        Assert.False(facts.Get("tests.touchMlCode").Value!.Boolean);
        Assert.False(facts.Get("pipeline.present").Value!.Boolean);
        Assert.False(facts.Get("monitoring.present").Value!.Boolean);
    }

    [Fact]
    public void Project_facts_are_unknown_when_the_files_were_not_collected()
    {
        var facts = FactCatalog.Build(Bundle(Collected<ProjectEvidence>.Failed("disk on fire")));

        Assert.Equal("disk on fire", facts.Get("ci.present").UnknownReason);
        Assert.Null(facts.Get("environment.pinnedShare").Value);
    }

    [Fact]
    public void Missing_and_unknown_run_commits_are_counted_apart()
    {
        var bundle = Bundle(Collected<ProjectEvidence>.Absent("none")) with
        {
            Commits = Collected<IReadOnlyList<CommitResolution>>.Present(
            [
                new CommitResolution { Sha = "a", State = CommitPresence.Missing },
                new CommitResolution { Sha = "b", State = CommitPresence.Unknown, Detail = "shallow clone" },
                new CommitResolution { Sha = "c", State = CommitPresence.Present, Reachable = true },
            ]),
        };

        var facts = FactCatalog.Build(bundle);

        Assert.Equal(1, facts.Get("runs.commitsMissing").Value!.Number);
        Assert.Equal(1, facts.Get("runs.commitsUnknown").Value!.Number);
    }

    private static EvidenceBundle Bundle(Collected<ProjectEvidence> project) => new()
    {
        ProjectPath = "/p",
        CollectedAt = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero),
        Repository = Collected<RepositoryEvidence>.Absent("no git"),
        Tracking = Collected<TrackingStore>.Absent("no store"),
        Project = project,
    };
}
