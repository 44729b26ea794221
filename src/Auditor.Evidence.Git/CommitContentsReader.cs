using Auditor.Core.Evidence;
using LibGit2Sharp;

namespace Auditor.Evidence.Git;

/// <summary>
/// Looks inside the commits recorded on runs for what a rebuild needs: the entry point that ran, environment
/// and lock files, and data-versioning files. Reads tree entries and small blobs only; never checks anything out.
/// </summary>
public static class CommitContentsReader
{
    /// <summary>Files whose presence at a commit says the environment or the data was declared.</summary>
    public static readonly string[] WellKnownFiles =
    [
        "requirements.txt", "requirements-dev.txt", "pyproject.toml", "setup.py", "setup.cfg", "environment.yml", "environment.yaml",
        "conda.yaml", "conda.yml", "python_env.yaml", "Pipfile", "Pipfile.lock", "poetry.lock", "uv.lock", "pdm.lock", "conda-lock.yml",
        "Dockerfile", "MLproject", "dvc.yaml", "dvc.lock", ".gitattributes",
    ];

    /// <summary>Requirements files larger than this are not read for pins.</summary>
    public const int MaxRequirementsBytes = 256 * 1024;

    /// <summary>
    /// For each commit (that exists), which of <see cref="WellKnownFiles"/> (at the repository root and in
    /// <paramref name="projectPath"/>) and of the <paramref name="candidates"/> exist in its tree.
    /// </summary>
    public static Collected<IReadOnlyList<CommitContents>> Collect(string projectPath, IReadOnlyDictionary<string, IReadOnlyList<string>> candidates)
    {
        try
        {
            var gitDirectory = GuardedRepository.Discover(projectPath);
            if (gitDirectory is null)
            {
                return Collected<IReadOnlyList<CommitContents>>.Absent($"{projectPath} is not inside a git repository");
            }

            using var repository = new Repository(gitDirectory);
            var root = Path.GetFullPath(repository.Info.WorkingDirectory ?? projectPath);
            var project = Path.GetRelativePath(root, Path.GetFullPath(projectPath)).Replace(Path.DirectorySeparatorChar, '/');
            var contents = candidates
                .Select(c => (Commit: Find(repository, c.Key), Sha: c.Key, Paths: c.Value))
                .Where(c => c.Commit is not null)
                .Select(c => Read(c.Commit!, c.Sha, Asked(project, c.Paths)))
                .ToList();
            return Collected<IReadOnlyList<CommitContents>>.Present(contents);
        }
        catch (Exception e) when (e is LibGit2SharpException or IOException or UnauthorizedAccessException)
        {
            return Collected<IReadOnlyList<CommitContents>>.Failed($"{projectPath}: commit contents could not be read: {e.Message}");
        }
    }

    private static IEnumerable<string> Asked(string project, IEnumerable<string> candidates)
    {
        var prefix = project is "." or "" ? "" : project.TrimEnd('/') + "/";
        return WellKnownFiles.SelectMany(f => new[] { f, prefix + f }).Concat(candidates).Distinct(StringComparer.Ordinal);
    }

    private static Commit? Find(Repository repository, string sha)
    {
        try
        {
            return sha.Length is >= 7 and <= 40 && sha.All(char.IsAsciiHexDigit) ? repository.Lookup<Commit>(sha.ToLowerInvariant()) : null;
        }
        catch (AmbiguousSpecificationException)
        {
            return null;
        }
    }

    private static CommitContents Read(Commit commit, string sha, IEnumerable<string> asked)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pinned = new Dictionary<string, double>(StringComparer.Ordinal);
        var lfs = false;
        foreach (var path in asked)
        {
            if (commit[path] is not { TargetType: TreeEntryTargetType.Blob } entry)
            {
                continue;
            }

            found.Add(path);
            var blob = (Blob)entry.Target;
            var name = path[(path.LastIndexOf('/') + 1)..];
            if (name.StartsWith("requirements", StringComparison.Ordinal) && name.EndsWith(".txt", StringComparison.Ordinal) && blob.Size <= MaxRequirementsBytes)
            {
                pinned[path] = PinnedShare(blob.GetContentText());
            }
            else if (name == ".gitattributes" && blob.Size <= MaxRequirementsBytes)
            {
                lfs |= blob.GetContentText().Contains("filter=lfs", StringComparison.Ordinal);
            }
        }

        return new CommitContents { Sha = sha, Paths = found, RequirementsPinnedShare = pinned, UsesLfs = lfs };
    }

    /// <summary>Share of the file's requirements that are pinned (<see cref="PipRequirements"/>, the project collector's reader); 0 when it has none.</summary>
    private static double PinnedShare(string text)
    {
        var (total, pinned) = PipRequirements.Count(text);
        return total == 0 ? 0 : (double)pinned / total;
    }
}
