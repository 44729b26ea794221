using Auditor.Evidence.Git;
using Auditor.Testing;

namespace Auditor.Evidence.Project.Tests;

public sealed class ProvenanceTests
{
    [Fact]
    public void Facts_cite_head_for_committed_files_and_mark_changed_or_new_files_uncommitted()
    {
        using var repo = new GitRepositoryBuilder();
        var head = repo.Commit("env", ("ml/requirements.txt", "pandas==2.2.2\n"), ("ml/conda.yaml", "dependencies:\n  - python=3.11.2\n"));
        repo.WriteFile("ml/conda.yaml", "dependencies:\n  - python=3.12.1\n").WriteFile("ml/requirements-dev.txt", "pytest\n");
        var projectPath = Path.Combine(repo.Path, "ml");

        var evidence = ProjectFolder.Present(ProjectCollector.Collect(projectPath, GitFileProvenance.Open(projectPath)));

        var commits = evidence.Environments.ToDictionary(e => e.Location.Path, e => e.Location.Commit);
        Assert.Equal(head, commits["requirements.txt"]);
        Assert.Null(commits["conda.yaml"]);
        Assert.Null(commits["requirements-dev.txt"]);
        Assert.Equal("uncommitted", evidence.Environments.Single(e => e.Location.Path == "conda.yaml").Location.ToRef().Detail);
    }
}
