using System.Security.Cryptography;

namespace Auditor.Testing;

/// <summary>The listing of a .git folder with a hash of every file, to prove a collection wrote nothing.</summary>
public static class GitFolderSnapshot
{
    public static IReadOnlyList<string> Take(string repositoryPath)
    {
        var gitFolder = Path.Combine(repositoryPath, ".git");
        return Directory.EnumerateFileSystemEntries(gitFolder, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(entry => Directory.Exists(entry)
                ? Path.GetRelativePath(gitFolder, entry) + "/"
                : $"{Path.GetRelativePath(gitFolder, entry)} {File.GetLastWriteTimeUtc(entry):O} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(entry)))}")
            .ToList();
    }
}
