using System.IO.Enumeration;

namespace Auditor.Evidence.MLflow.FileStore;

/// <summary>
/// Reads a folder of one-file-per-key values (params, tags, metrics, aliases). A key containing '/' is stored as
/// nested folders, so the folder is walked and keys rebuilt from relative paths. Keys are pooled.
/// </summary>
internal static class ValueFolder
{
    private static readonly EnumerationOptions Walk = new()
    {
        RecurseSubdirectories = true,
        AttributesToSkip = 0,
        IgnoreInaccessible = false,
        ReturnSpecialDirectories = false,
    };

    /// <summary>(key, full path) of every file below <paramref name="folder"/>; none when it does not exist.</summary>
    public static IEnumerable<(string Key, string File)> Files(string folder, StringPool? pool = null)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var keys = pool ?? new StringPool();
        return new FileSystemEnumerable<(string, string)>(folder, (ref FileSystemEntry entry) => (Key(ref entry, keys), entry.ToFullPath()), Walk)
        {
            // Symbolic links are neither read nor walked into: they may point outside the store or at themselves.
            ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory && !StoreFolders.IsLink(entry.Attributes),
            ShouldRecursePredicate = (ref FileSystemEntry entry) => !StoreFolders.IsLink(entry.Attributes),
        };
    }

    public static IReadOnlyDictionary<string, string> Read(string folder, StringPool? pool = null)
    {
        var values = new List<KeyValuePair<string, string>>();
        var strings = pool ?? new StringPool();
        foreach (var (key, file) in Files(folder, strings))
        {
            values.Add(new(key, SmallFile.Read(file, strings, static (p, text) => p.Get(text))));
        }

        return values.Count == 0 ? CompactMap<string>.Empty : new CompactMap<string>(values);
    }

    private static string Key(ref FileSystemEntry entry, StringPool pool)
    {
        var relativeFolder = entry.Directory[entry.RootDirectory.Length..].TrimStart(Path.DirectorySeparatorChar);
        if (relativeFolder.IsEmpty)
        {
            return pool.Get(entry.FileName);
        }

        var key = string.Concat(relativeFolder, "/", entry.FileName);
        return pool.Get(Path.DirectorySeparatorChar == '/' ? key : key.Replace(Path.DirectorySeparatorChar, '/'));
    }
}
