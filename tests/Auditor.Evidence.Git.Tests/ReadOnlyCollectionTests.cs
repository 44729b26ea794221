using Auditor.Testing;

namespace Auditor.Evidence.Git.Tests;

public sealed class ReadOnlyCollectionTests
{
    [Fact]
    public void Collection_and_commit_resolution_leave_a_dirty_repository_untouched()
    {
        using var repo = new GitRepositoryBuilder();
        var first = repo.Commit("first", ("train.py", "print(1)"), ("models/m.pkl", "bytes"));
        repo.Commit("second", ("train.py", "print(2)"));
        repo.Tag("v1");
        repo.WriteFile("train.py", "print(3)").WriteFile("scratch/notes.txt", "todo");
        File.SetLastWriteTimeUtc(Path.Combine(repo.Path, "train.py"), DateTime.UtcNow.AddMinutes(5));
        var before = GitFolderSnapshot.Take(repo.Path);

        GitRepositoryCollector.Collect(repo.Path);
        CommitResolver.Collect(repo.Path, [first, new string('a', 40)]);

        Assert.Equal(before, GitFolderSnapshot.Take(repo.Path));
    }
}
