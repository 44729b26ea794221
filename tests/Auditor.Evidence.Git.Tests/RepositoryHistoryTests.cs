using Auditor.Core.Evidence;
using Auditor.Testing;

namespace Auditor.Evidence.Git.Tests;

public sealed class RepositoryHistoryTests
{
    [Fact]
    public void Remotes_are_listed_without_credentials()
    {
        using var repo = new GitRepositoryBuilder();
        repo.Commit("first", ("train.py", "print(1)"));
        repo.Repository.Network.Remotes.Add("origin", "https://alice:s3cret@github.com/acme/churn.git?token=abc");
        repo.Repository.Network.Remotes.Add("backup", "git@gitlab.com:acme/churn.git");

        var evidence = GitRepositoryCollectorTests.Present(GitRepositoryCollector.Collect(repo.Path));

        Assert.Equal([new GitRemote("backup", "git@gitlab.com:acme/churn.git"), new GitRemote("origin", "https://github.com/acme/churn.git")], evidence.Remotes);
        Assert.DoesNotContain(evidence.Remotes, r => r.Url.Contains("s3cret", StringComparison.Ordinal) || r.Url.Contains("abc", StringComparison.Ordinal));
    }

    [Fact]
    public void Tags_are_listed()
    {
        using var repo = new GitRepositoryBuilder();
        repo.Commit("first", ("train.py", "print(1)"));
        repo.Tag("v1.0").Tag("model-2025-01");

        var evidence = GitRepositoryCollectorTests.Present(GitRepositoryCollector.Collect(repo.Path));

        Assert.Equal(["model-2025-01", "v1.0"], evidence.Tags);
    }

    [Fact]
    public void Recent_commits_and_authors_count_the_window_before_head()
    {
        using var repo = new GitRepositoryBuilder();
        repo.CommitAs("Old Timer", "old@example.com", "ancient", ("a.txt", "1"));
        repo.AdvanceClock(TimeSpan.FromDays(200));
        repo.CommitAs("Alice", "alice@example.com", "recent 1", ("a.txt", "2"));
        repo.CommitAs("Bob", "bob@example.com", "recent 2", ("a.txt", "3"));
        repo.CommitAs("Alice", "ALICE@example.com", "recent 3", ("a.txt", "4"));

        var evidence = GitRepositoryCollectorTests.Present(GitRepositoryCollector.Collect(repo.Path));

        Assert.Equal(4, evidence.CommitCount);
        Assert.Equal(3, evidence.RecentCommits);
        Assert.Equal(2, evidence.RecentAuthors);
    }

    [Fact]
    public void Recent_window_follows_an_injected_clock()
    {
        using var repo = new GitRepositoryBuilder();
        repo.Commit("first", ("a.txt", "1"));
        var head = repo.Repository.Head.Tip.Committer.When;

        var evidence = GitRepositoryCollectorTests.Present(
            GitRepositoryCollector.Collect(repo.Path, new GitCollectionOptions { Now = head.AddDays(365) }));

        Assert.Equal(0, evidence.RecentCommits);
        Assert.Equal(head.AddDays(275), evidence.RecentSince);
    }

    [Fact]
    public void Model_files_and_large_blobs_are_found_anywhere_in_history()
    {
        using var repo = new GitRepositoryBuilder();
        var withModel = repo.Commit("add model", ("models/model.pkl", "pickle bytes"), ("data/big.txt", new string('x', 4096)));
        repo.Repository.Index.Remove("models/model.pkl");
        repo.Repository.Index.Remove("data/big.txt");
        repo.Repository.Index.Write();
        repo.Commit("remove them");
        repo.Commit("lfs pointer", ("weights/net.onnx", "version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 12345\n"));

        var evidence = GitRepositoryCollectorTests.Present(
            GitRepositoryCollector.Collect(repo.Path, new GitCollectionOptions { LargeBlobBytes = 1024 }));

        Assert.Equal(
            [new LargeBlob("data/big.txt", 4096, withModel, "size"), new LargeBlob("models/model.pkl", 12, withModel, "model-or-data")],
            evidence.LargeBlobs.OrderBy(b => b.Path, StringComparer.Ordinal));
    }

    [Fact]
    public void Large_blob_scan_says_when_it_stopped_before_the_oldest_commit()
    {
        using var repo = new GitRepositoryBuilder();
        repo.Commit("old model", ("model.pkl", "bytes"));
        repo.Commit("newer", ("train.py", "print(1)"));

        var capped = GitRepositoryCollectorTests.Present(GitRepositoryCollector.Collect(repo.Path, new GitCollectionOptions { LargeBlobMaxCommits = 1 }));
        var full = GitRepositoryCollectorTests.Present(GitRepositoryCollector.Collect(repo.Path));

        Assert.False(capped.LargeBlobScanComplete);
        Assert.Empty(capped.LargeBlobs);
        Assert.True(full.LargeBlobScanComplete);
        Assert.Equal("model.pkl", Assert.Single(full.LargeBlobs).Path);
    }

    [Fact]
    public void Shallow_clone_is_reported_shallow()
    {
        using var repo = new GitRepositoryBuilder();
        repo.Commit("first", ("a.txt", "1"));
        repo.Commit("second", ("a.txt", "2"));
        using var clone = repo.Clone(depth: 1);

        var evidence = GitRepositoryCollectorTests.Present(GitRepositoryCollector.Collect(clone.Combine("clone")));

        Assert.True(evidence.Shallow);
        Assert.Equal(1, evidence.CommitCount);
    }

    [Fact]
    public void Repository_with_a_submodule_is_collected()
    {
        using var library = new GitRepositoryBuilder();
        library.Commit("lib", ("lib.py", "x = 1"));
        using var repo = new GitRepositoryBuilder();
        repo.Commit("first", ("train.py", "print(1)"));
        var head = repo.AddSubmodule(library.Path, "vendor/lib");

        var evidence = GitRepositoryCollectorTests.Present(GitRepositoryCollector.Collect(repo.Path));

        Assert.Equal(head, evidence.Head);
        Assert.False(evidence.Dirty);
    }

    [Fact]
    public void Untracked_fixture_has_its_committed_model_file_in_history()
    {
        using var fixture = Fixture.Unpack("untracked");

        var evidence = GitRepositoryCollectorTests.Present(GitRepositoryCollector.Collect(fixture.Path));

        Assert.Contains(evidence.LargeBlobs, b => b.Path == "models/lin_reg.bin" && b.Reason == "model-or-data");
    }
}
