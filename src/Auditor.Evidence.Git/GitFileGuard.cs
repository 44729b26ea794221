using System.IO.Compression;
using System.Text;

namespace Auditor.Evidence.Git;

/// <summary>
/// Checks the files libgit2 reads against <see cref="GitFileLimits"/> before the repository is opened: sizes only
/// (one stat per file), except a loose object above 64 KiB, whose header (a few bytes) is inflated to learn its type
/// and declared size. Throws <see cref="GitFileTooLargeException"/> naming the first file over its bound.
/// </summary>
internal static class GitFileGuard
{
    private const long LooseHeaderCheckBytes = 64 * 1024;

    private static readonly string[] SmallFiles =
    [
        "HEAD", "config", "commondir", "gitdir", "shallow", "ORIG_HEAD", "MERGE_HEAD", "FETCH_HEAD", "CHERRY_PICK_HEAD", "REVERT_HEAD",
        "info/exclude", "info/attributes", "info/grafts", "info/sparse-checkout", "objects/info/alternates", "objects/info/packs",
    ];

    private static readonly EnumerationOptions Walk = new() { RecurseSubdirectories = true, MaxRecursionDepth = 32, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };

    public static void Check(string gitDirectory, GitFileLimits limits)
    {
        var git = Path.GetFullPath(gitDirectory);
        foreach (var name in SmallFiles)
        {
            Over(Path.Combine(git, name), limits.OtherFileBytes, "a git file");
        }

        var common = Common(git);
        if (common != git)
        {
            foreach (var name in SmallFiles)
            {
                Over(Path.Combine(common, name), limits.OtherFileBytes, "a git file");
            }
        }

        Over(Path.Combine(git, "index"), limits.IndexBytes, "the git index");
        Over(Path.Combine(common, "packed-refs"), limits.PackedRefsBytes, "packed refs");
        foreach (var reference in Files(Path.Combine(common, "refs")))
        {
            Over(reference.FullName, limits.OtherFileBytes, "a git ref");
        }

        if (Path.GetFileName(git.TrimEnd(Path.DirectorySeparatorChar)) == ".git" && Path.GetDirectoryName(git.TrimEnd(Path.DirectorySeparatorChar)) is { } worktree)
        {
            Over(Path.Combine(worktree, ".gitignore"), limits.OtherFileBytes, "a git file");
            Over(Path.Combine(worktree, ".gitattributes"), limits.OtherFileBytes, "a git file");
        }

        Objects(Path.Combine(common, "objects"), limits);
    }

    /// <summary>A <c>.git</c> file (a worktree's or submodule's link) in the folder or above it, which discovery reads whole.</summary>
    public static void CheckLinks(string projectPath, GitFileLimits limits)
    {
        for (var folder = Path.GetFullPath(projectPath); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            var dotGit = Path.Combine(folder, ".git");
            if (Directory.Exists(dotGit))
            {
                return;
            }

            Over(dotGit, limits.OtherFileBytes, "a .git file");
        }
    }

    private static void Objects(string objects, GitFileLimits limits)
    {
        var packs = 0;
        foreach (var file in Files(Path.Combine(objects, "pack")))
        {
            if (file.Name.EndsWith(".pack", StringComparison.Ordinal))
            {
                Over(file, limits.PackBytes, "a pack file");
                if (++packs > limits.PackFiles)
                {
                    throw new GitFileTooLargeException($"{Path.Combine(objects, "pack")}: more than {limits.PackFiles} pack files; the repository was not opened");
                }
            }
            else
            {
                Over(file, limits.PackIndexBytes, "a pack index");
            }
        }

        foreach (var file in Files(Path.Combine(objects, "info")))
        {
            Over(file, limits.PackIndexBytes, "a pack index");
        }

        foreach (var folder in Directory.Exists(objects) ? new DirectoryInfo(objects).EnumerateDirectories() : [])
        {
            if (folder.Name.Length == 2 && folder.Name.All(char.IsAsciiHexDigit))
            {
                foreach (var file in folder.EnumerateFiles().Where(f => f.Length > LooseHeaderCheckBytes))
                {
                    Loose(file, limits);
                }
            }
        }
    }

    private static void Loose(FileInfo file, GitFileLimits limits)
    {
        var header = Header(file.FullName);
        if (header is not var (type, declared))
        {
            Over(file, limits.LooseObjectBytes, "a loose object without a readable header");
            return;
        }

        if (type == "blob" ? file.Length > declared + (declared / 64) + 8192 : Math.Max(declared, file.Length) > limits.LooseObjectBytes)
        {
            throw new GitFileTooLargeException(
                $"{file.FullName}: a loose {type} of {file.Length} bytes declaring {declared} bytes of content, over the {Size(limits.LooseObjectBytes)} bound for a loose object (or larger than its content); the repository was not opened");
        }
    }

    /// <summary>The type and size a loose object's header declares (<c>blob 1234\0</c>), or null when it has none.</summary>
    private static (string Type, long Size)? Header(string path)
    {
        try
        {
            using var zlib = new ZLibStream(File.OpenRead(path), CompressionMode.Decompress);
            var bytes = new byte[32];
            var length = zlib.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            var text = Encoding.ASCII.GetString(bytes, 0, length);
            var end = text.IndexOf('\0', StringComparison.Ordinal);
            var space = text.IndexOf(' ', StringComparison.Ordinal);
            return end > space && space > 0 && long.TryParse(text.AsSpan(space + 1, end - space - 1), out var size) ? (text[..space], size) : null;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The common directory of a linked worktree's git directory (its <c>commondir</c> file), else the directory itself.</summary>
    private static string Common(string git)
    {
        var file = Path.Combine(git, "commondir");
        return File.Exists(file) && File.ReadAllText(file).Trim() is { Length: > 0 } common ? Path.GetFullPath(common, git) : git;
    }

    private static IEnumerable<FileInfo> Files(string folder) =>
        Directory.Exists(folder) ? new DirectoryInfo(folder).EnumerateFiles("*", Walk) : [];

    private static void Over(string path, long limit, string what)
    {
        var file = new FileInfo(path);
        if (file.Exists)
        {
            Over(file, limit, what);
        }
    }

    private static void Over(FileInfo file, long limit, string what)
    {
        if (file.Length > limit)
        {
            throw new GitFileTooLargeException($"{file.FullName}: {file.Length} bytes, over the {Size(limit)} bound for {what}; the repository was not opened");
        }
    }

    private static string Size(long bytes) => bytes >= 1024L * 1024 * 1024 ? $"{bytes / (1024L * 1024 * 1024)} GiB" : $"{bytes / (1024 * 1024)} MiB";
}
