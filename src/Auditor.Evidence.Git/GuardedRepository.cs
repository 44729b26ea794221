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
        var gitDirectory = Repository.Discover(projectPath);
        if (gitDirectory is not null)
        {
            GitFileGuard.Check(gitDirectory, bounds);
        }

        return gitDirectory;
    }
}
