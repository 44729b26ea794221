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
    public string Commit(string message, params (string Path, string Content)[] files)
    {
        foreach (var (path, content) in files)
        {
            WriteFile(path, content);
            Commands.Stage(_repository, path);
        }

        _clock = _clock.AddHours(1);
        var signature = new Signature("Test Author", "author@example.com", _clock);
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

    public void Dispose()
    {
        _repository.Dispose();
        _folder.Dispose();
    }
}
