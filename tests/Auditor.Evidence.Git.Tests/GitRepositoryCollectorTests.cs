using Auditor.Core.Evidence;
using Auditor.Testing;

namespace Auditor.Evidence.Git.Tests;

public sealed class GitRepositoryCollectorTests
{
    [Fact]
    public void Describes_head_branch_and_a_clean_tree()
    {
        using var repo = new GitRepositoryBuilder();
        repo.Commit("first", ("train.py", "print(1)"));
        var head = repo.Commit("second", ("requirements.txt", "numpy==2.0.0"));

        var evidence = Present(GitRepositoryCollector.Collect(repo.Path));

        Assert.Equal(head, evidence.Head);
        Assert.Equal(repo.Repository.Head.FriendlyName, evidence.Branch);
        Assert.False(evidence.Detached);
        Assert.False(evidence.Dirty);
        Assert.False(evidence.Shallow);
        Assert.Equal(2, evidence.CommitCount);
        Assert.Equal("", evidence.ProjectPath);
    }

    [Fact]
    public void Finds_the_repository_from_a_subfolder()
    {
        using var repo = new GitRepositoryBuilder();
        repo.Commit("first", ("projects/churn/train.py", "print(1)"));

        var evidence = Present(GitRepositoryCollector.Collect(Path.Combine(repo.Path, "projects", "churn")));

        Assert.Equal(Path.GetFullPath(repo.Path), evidence.Root);
        Assert.Equal("projects/churn", evidence.ProjectPath);
    }

    [Fact]
    public void Reports_uncommitted_and_untracked_files_as_dirty()
    {
        using var repo = new GitRepositoryBuilder();
        repo.Commit("first", ("train.py", "print(1)"));
        repo.WriteFile("train.py", "print(2)").WriteFile("notes.txt", "todo");

        var evidence = Present(GitRepositoryCollector.Collect(repo.Path));

        Assert.True(evidence.Dirty);
        Assert.Equal(["notes.txt", "train.py"], evidence.DirtyFiles.Order());
    }

    [Fact]
    public void Detached_head_has_no_branch()
    {
        using var repo = new GitRepositoryBuilder();
        var first = repo.Commit("first", ("train.py", "print(1)"));
        repo.Commit("second", ("train.py", "print(2)"));
        repo.Detach(first);

        var evidence = Present(GitRepositoryCollector.Collect(repo.Path));

        Assert.True(evidence.Detached);
        Assert.Null(evidence.Branch);
        Assert.Equal(first, evidence.Head);
    }

    [Fact]
    public void Folder_outside_any_repository_is_absent()
    {
        using var folder = new TempFolder();

        var collected = GitRepositoryCollector.Collect(folder.Path);

        Assert.Equal(CollectionState.Absent, collected.State);
        Assert.Contains("not inside a git repository", collected.Reason);
    }

    [Fact]
    public void Fixture_repository_gives_its_manifest_facts()
    {
        using var fixture = Fixture.Unpack("untracked");

        var evidence = Present(GitRepositoryCollector.Collect(fixture.Path));

        Assert.Equal("master", evidence.Branch);
        Assert.Equal(2, evidence.CommitCount);
        Assert.False(evidence.Dirty);
    }

    internal static RepositoryEvidence Present(Collected<RepositoryEvidence> collected)
    {
        Assert.True(collected.State == CollectionState.Present, collected.Reason);
        return collected.Value!;
    }
}
