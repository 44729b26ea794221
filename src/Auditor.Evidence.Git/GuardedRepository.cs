using LibGit2Sharp;

namespace Auditor.Evidence.Git;

/// <summary>
/// Discovery of the repository that holds a folder, with every file libgit2 will read checked against
/// <see cref="GitFileLimits"/> first: every reader here finds its repository through it.
/// </summary>
internal static class GuardedRepository
{
    /// <summary>
    /// The git directory holding <paramref name="projectPath"/>, or null outside git; throws
    /// <see cref="GitFileTooLargeException"/> when a file is over its bound, before libgit2 has read any of it.
    /// </summary>
    public static string? Discover(string projectPath, GitFileLimits? limits = null)
    {
        var bounds = limits ?? GitFileLimits.Default;
        GitFileGuard.CheckLinks(projectPath, bounds);
        if (Repository.Discover(projectPath) is { } gitDirectory)
        {
            GitFileGuard.Check(gitDirectory, bounds);
            return gitDirectory;
        }

        return Walk(projectPath, bounds);
    }

    /// <summary>
    /// The nearest <c>.git</c> that libgit2 opens, walking up from the folder. Under Native AOT libgit2's
    /// discovery answers through a buffer that LibGit2Sharp marshals as a class, which comes back empty, so
    /// <see cref="Repository.Discover"/> returns null even inside a repository; opening a given path needs no buffer.
    /// Opening reads the config, so each candidate's files are checked against their bounds first.
    /// </summary>
    private static string? Walk(string projectPath, GitFileLimits bounds)
    {
        for (var folder = Path.GetFullPath(projectPath); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            var candidate = Path.Combine(folder, ".git");
            if (!Directory.Exists(candidate) && !File.Exists(candidate))
            {
                continue;
            }

            GitFileGuard.Check(candidate + Path.DirectorySeparatorChar, bounds);
            if (Repository.IsValid(candidate))
            {
                return candidate + Path.DirectorySeparatorChar;
            }
        }

        return null;
    }
}
