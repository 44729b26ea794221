using Auditor.Core.Evidence;
using Auditor.Testing;

namespace Auditor.Evidence.Git.Tests;

public sealed class CommitResolverTests
{
    [Fact]
    public void Commits_on_a_branch_are_present_and_reachable_with_time_and_message()
    {
        using var repo = new GitRepositoryBuilder();
        var first = repo.Commit("Initial model\n\nwith details", ("train.py", "print(1)"));

        var resolved = Resolve(repo.Path, first);

        var commit = Assert.Single(resolved);
        Assert.Equal(CommitPresence.Present, commit.State);
        Assert.True(commit.Reachable);
        Assert.Equal("Initial model", commit.Message);
        Assert.Equal(repo.Repository.Head.Tip.Committer.When, commit.Time);
    }

    [Fact]
    public void Amended_commit_is_present_but_unreachable_until_it_leaves_the_object_database()
    {
        using var repo = new GitRepositoryBuilder();
        var original = repo.Commit("first", ("train.py", "print(1)"));
        repo.Amend("first, reworded");

        var commit = Assert.Single(Resolve(repo.Path, original));

        Assert.Equal(CommitPresence.Present, commit.State);
        Assert.False(commit.Reachable);
    }

    [Fact]
    public void Rewritten_history_in_a_fresh_clone_is_missing()
    {
        using var repo = new GitRepositoryBuilder();
        repo.Commit("first", ("train.py", "print(1)"));
        var amended = repo.Commit("second", ("train.py", "print(2)"));
        var kept = repo.Amend("second, reworded");
        var resetAway = repo.Commit("third", ("train.py", "print(3)"));
        repo.ResetHard(kept);
        using var clone = repo.Clone();

        var resolved = Resolve(clone.Combine("clone"), amended, resetAway, kept);

        Assert.Equal([CommitPresence.Missing, CommitPresence.Missing, CommitPresence.Present], resolved.Select(r => r.State));
        Assert.True(resolved[2].Reachable);
    }

    [Fact]
    public void Commit_beyond_a_shallow_clone_is_unknown_not_missing()
    {
        using var repo = new GitRepositoryBuilder();
        var old = repo.Commit("first", ("train.py", "print(1)"));
        var head = repo.Commit("second", ("train.py", "print(2)"));
        using var clone = repo.Clone(depth: 1);

        var resolved = Resolve(clone.Combine("clone"), old, head);

        Assert.Equal(CommitPresence.Unknown, resolved[0].State);
        Assert.Contains("shallow", resolved[0].Detail);
        Assert.Equal(CommitPresence.Present, resolved[1].State);
        Assert.True(resolved[1].Reachable);
    }

    [Fact]
    public void Commit_reachable_only_from_a_tag_is_reachable()
    {
        using var repo = new GitRepositoryBuilder();
        var main = repo.Commit("first", ("train.py", "print(1)"));
        var tagged = repo.Commit("experiment", ("train.py", "print(2)"));
        repo.Tag("exp-1").ResetHard(main);

        Assert.True(Assert.Single(Resolve(repo.Path, tagged)).Reachable);
    }

    [Fact]
    public void Abbreviated_ids_resolve_and_garbage_is_missing()
    {
        using var repo = new GitRepositoryBuilder();
        var sha = repo.Commit("first", ("train.py", "print(1)"));

        var resolved = Resolve(repo.Path, sha[..10], "not-a-sha", new string('0', 40));

        Assert.Equal([CommitPresence.Present, CommitPresence.Missing, CommitPresence.Missing], resolved.Select(r => r.State));
        Assert.Equal("not a commit id", resolved[1].Detail);
    }

    [Fact]
    public void Fixture_run_commits_are_all_present()
    {
        using var fixture = Fixture.Unpack("tracked-file");
        using var repository = new LibGit2Sharp.Repository(fixture.Path);
        var shas = repository.Commits.Select(c => c.Sha).ToList();

        var resolved = Resolve(fixture.Path, [.. shas]);

        Assert.Equal(2, resolved.Count);
        Assert.All(resolved, r => Assert.Equal(CommitPresence.Present, r.State));
    }

    private static IReadOnlyList<CommitResolution> Resolve(string path, params string[] shas)
    {
        var collected = CommitResolver.Collect(path, shas);
        Assert.True(collected.State == CollectionState.Present, collected.Reason);
        return collected.Value!;
    }
}
