using Auditor.Core.Evidence;
using Auditor.Evidence.Git;
using Auditor.Testing;

namespace Auditor.Evidence.Project.Tests;

public sealed class FixtureProjectTests
{
    [Fact]
    public void Tracked_file_gives_its_manifest_facts()
    {
        using var fixture = Fixture.Unpack("tracked-file");
        var head = GitRepositoryCollector.Collect(fixture.Path).Value!.Head;

        var project = ProjectFolder.Present(ProjectCollector.Collect(fixture.Path, GitFileProvenance.Open(fixture.Path)));

        var requirements = Assert.Single(project.Environments, e => e.Kind == "requirements");
        Assert.Equal(1.0, requirements.PinnedShare);
        Assert.Equal(head, requirements.Location.Commit);
        Assert.Contains(project.Environments, e => e.Kind == "conda" && e.Location.Path == "conda.yaml" && e.PinnedShare == 1.0);
        var pythonEnv = Assert.Single(project.Environments, e => e.Kind == "python-env");
        Assert.Equal(1.0, pythonEnv.PinnedShare);
        Assert.Contains(pythonEnv.Requirements, r => r.Name == "mlflow");

        var pipeline = Assert.Single(project.Pipelines, p => p.Kind == "mlproject");
        Assert.Equal(["main"], pipeline.Stages);

        var workflow = Assert.Single(project.Ci);
        Assert.Equal(".github/workflows/train.yml", workflow.Location.Path);
        Assert.Equal([CiTrigger.Push, CiTrigger.PullRequest], workflow.Triggers);
        var test = Assert.Single(workflow.Steps, s => s.Kind == CiStepKind.Test);
        Assert.Equal("pytest -q tests", test.Evidence);
        Assert.Equal(15, test.Location.Line);
        Assert.Contains(workflow.Steps, s => s.Kind == CiStepKind.Train && s.Evidence.StartsWith("python train.py", StringComparison.Ordinal));

        var testFile = Assert.Single(project.Tests.Files);
        Assert.Equal("tests/test_train.py", testFile.Location.Path);
        Assert.Equal(["train"], testFile.MlModulesImported);
        Assert.True(testFile.TouchesMlCode);
        Assert.Equal(["tests"], project.Tests.Folders);
        Assert.Empty(project.Tests.Notebooks);
        Assert.DoesNotContain(project.Environments, e => e.Location.Path.StartsWith("mlruns/", StringComparison.Ordinal));
    }

    [Fact]
    public void Untracked_gives_its_manifest_facts()
    {
        using var fixture = Fixture.Unpack("untracked");

        var project = ProjectFolder.Present(ProjectCollector.Collect(fixture.Path, GitFileProvenance.Open(fixture.Path)));

        var requirements = Assert.Single(project.Environments);
        Assert.Equal("requirements", requirements.Kind);
        Assert.Equal(0.0, requirements.PinnedShare);
        Assert.Equal(7, requirements.Requirements.Count);
        Assert.Empty(project.Ci);
        Assert.Empty(project.Tests.Files);
        Assert.Equal("notebooks/duration-prediction.ipynb", Assert.Single(project.Tests.Notebooks).Path);
        Assert.Empty(project.Pipelines);
    }
}
