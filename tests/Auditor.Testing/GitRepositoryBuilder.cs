using LibGit2Sharp;

namespace Auditor.Testing;

/// <summary>Builds real git repositories in a temporary folder for tests: commit files, branch, tag, detach.</summary>
public sealed class GitRepositoryBuilder : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly Repository _repository;
    private DateTimeOffset _clock = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public GitRepositoryBuilder()
    {
        Path = _folder.Combine("repo");
        Repository.Init(Path);
        _repository = new Repository(Path);
    }

    public string Path { get; }

    public Repository Repository => _repository;

    public GitRepositoryBuilder WriteFile(string relativePath, string content)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return this;
    }

    /// <summary>Writes the files and commits them; returns the new commit's SHA.</summary>
    public string Commit(string message, params (string Path, string Content)[] files) =>
        CommitAs("Test Author", "author@example.com", message, files);

    /// <summary>Commits as the given author; returns the new commit's SHA.</summary>
    public string CommitAs(string author, string email, string message, params (string Path, string Content)[] files)
    {
        foreach (var (path, content) in files)
        {
            WriteFile(path, content);
            Commands.Stage(_repository, path);
        }

        _clock = _clock.AddHours(1);
        var signature = new Signature(author, email, _clock);
        return _repository.Commit(message, signature, signature, new CommitOptions { AllowEmptyCommit = true }).Sha;
    }

    public GitRepositoryBuilder Branch(string name)
    {
        Commands.Checkout(_repository, _repository.CreateBranch(name));
        return this;
    }

    public GitRepositoryBuilder Tag(string name)
    {
        _repository.ApplyTag(name);
        return this;
    }

    public GitRepositoryBuilder Detach(string sha)
    {
        Commands.Checkout(_repository, _repository.Lookup<LibGit2Sharp.Commit>(sha));
        return this;
    }

    /// <summary>Moves the clock the next commits are made at.</summary>
    public GitRepositoryBuilder AdvanceClock(TimeSpan by)
    {
        _clock += by;
        return this;
    }

    /// <summary>Rewrites HEAD's commit with a new message; the old commit becomes unreferenced.</summary>
    public string Amend(string message)
    {
        _clock = _clock.AddMinutes(1);
        var signature = new Signature("Test Author", "author@example.com", _clock);
        return _repository.Commit(message, signature, signature, new CommitOptions { AmendPreviousCommit = true, AllowEmptyCommit = true }).Sha;
    }

    /// <summary>Moves the current branch (and the working tree) to <paramref name="sha"/>.</summary>
    public GitRepositoryBuilder ResetHard(string sha)
    {
        _repository.Reset(ResetMode.Hard, _repository.Lookup<LibGit2Sharp.Commit>(sha));
        return this;
    }

    /// <summary>A clone through the file:// transport (objects unreachable here are not copied).</summary>
    public TempFolder Clone(int? depth = null)
    {
        var target = new TempFolder();
        string[] depthArguments = depth is { } d ? ["--depth", d.ToString(System.Globalization.CultureInfo.InvariantCulture)] : [];
        GitCli.Run(target.Path, ["clone", "--quiet", .. depthArguments, new Uri(Path).AbsoluteUri, "clone"]);
        return target;
    }

    /// <summary>Adds <paramref name="otherRepository"/> as a submodule at <paramref name="at"/> and commits it.</summary>
    public string AddSubmodule(string otherRepository, string at)
    {
        GitCli.Run(Path, "submodule", "add", "--quiet", new Uri(otherRepository).AbsoluteUri, at);
        GitCli.Run(Path, "commit", "--quiet", "-m", "Add submodule " + at);
        return _repository.Head.Tip.Sha;
    }

    public void Dispose()
    {
        _repository.Dispose();
        _folder.Dispose();
    }
}
