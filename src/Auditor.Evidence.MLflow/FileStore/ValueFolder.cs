namespace Auditor.Evidence.MLflow.FileStore;

/// <summary>
/// Reads a folder of one-file-per-key values (params, tags, aliases). A key containing '/' is stored as
/// nested folders, so the folder is walked and keys rebuilt from relative paths.
/// </summary>
internal static class ValueFolder
{
    public static IEnumerable<(string Key, string File)> Files(string folder)
    {
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            yield return (Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/'), file);
        }
    }

    public static IReadOnlyDictionary<string, string> Read(string folder)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, file) in Files(folder))
        {
            values[key] = File.ReadAllText(file);
        }

        return values;
    }
}
