namespace Auditor.Evidence.Project.Tests;

/// <summary>mlaudit's own files are never evidence, whatever they hold.</summary>
public sealed class OwnFilesTests
{
    private const string Deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n";

    /// <summary>Applies every path the tests write, so only the exclusion keeps a file out.</summary>
    private const string CdWorkflow = "on: push\njobs:\n  d:\n    runs-on: x\n    steps:\n      - run: kubectl apply -f k8s -f audit -f compliance -f policy -f mlaudit-report -f .mlaudit.yml -f .mlaudit.yaml -f .mlaudit-attestations.yml -f report.md\n";

    [Theory]
    [InlineData(".mlaudit.yml")]
    [InlineData(".mlaudit.yaml")]
    [InlineData(".mlaudit-attestations.yml")]
    [InlineData("report.md")]
    [InlineData("mlaudit-report/deploy.yaml")]
    public void Files_named_as_mlaudit_s_are_not_read(string path)
    {
        var evidence = ProjectFolder.Of([(path, Deployment), (".github/workflows/cd.yml", CdWorkflow)]);

        Assert.DoesNotContain(evidence.Deployments, d => d.Location.Path == path);
    }

    [Fact]
    public void Yaml_with_an_mlaudit_api_version_is_not_read_whatever_its_name()
    {
        var evidence = ProjectFolder.Of([
            ("policy/gate.yaml", "apiVersion: mlaudit/v1\nkind: Config\n---\n" + Deployment),
            (".github/workflows/cd.yml", CdWorkflow),
        ]);

        Assert.Equal(["cd-workflow"], evidence.Deployments.Select(d => d.Kind));
    }

    [Fact]
    public void Paths_the_run_names_as_mlaudit_s_are_not_entered()
    {
        using var project = new ProjectFolder()
            .With("audit/history/2026-11-27.yaml", Deployment)
            .With("compliance/answers.yml", Deployment)
            .With("k8s/app.yaml", Deployment)
            .With(".github/workflows/cd.yml", CdWorkflow);
        var own = new HashSet<string>(StringComparer.Ordinal) { Path.Combine(project.Path, "audit", "history"), Path.Combine(project.Path, "compliance", "answers.yml") };

        var evidence = project.Collect(new ProjectCollectionOptions { OwnPaths = own });

        Assert.Equal(["k8s/app.yaml"], evidence.Deployments.Where(d => d.Kind == "kubernetes").Select(d => d.Location.Path));
    }
}
