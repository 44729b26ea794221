using System.IO.Enumeration;

namespace Auditor.Evidence.MLflow.FileStore;

/// <summary>
/// Lists sub-folders of a store folder without following symbolic links: a link inside a store may point
/// anywhere on the machine (or back at itself), and mlaudit reads only the store.
/// </summary>
internal static class StoreFolders
{
    private static readonly EnumerationOptions Options = new() { RecurseSubdirectories = false, AttributesToSkip = 0, IgnoreInaccessible = true };

    public static IEnumerable<string> Subfolders(string folder, string? prefix = null) =>
        Directory.Exists(folder)
            ? new FileSystemEnumerable<string>(folder, (ref FileSystemEntry entry) => entry.ToFullPath(), Options)
            {
                ShouldIncludePredicate = (ref FileSystemEntry entry) =>
                    entry.IsDirectory && !IsLink(entry.Attributes) && (prefix is null || entry.FileName.StartsWith(prefix, StringComparison.Ordinal)),
            }
            : [];

    /// <summary>The regular files (not links) of a folder whose names end with <paramref name="suffix"/>, in name order.</summary>
    public static IEnumerable<string> Files(string folder, string suffix) =>
        Directory.Exists(folder)
            ? new FileSystemEnumerable<string>(folder, (ref FileSystemEntry entry) => entry.ToFullPath(), Options)
            {
                ShouldIncludePredicate = (ref FileSystemEntry entry) =>
                    !entry.IsDirectory && !IsLink(entry.Attributes) && entry.FileName.EndsWith(suffix, StringComparison.Ordinal),
            }.Order(StringComparer.Ordinal)
            : [];

    public static bool IsLink(FileAttributes attributes) => (attributes & FileAttributes.ReparsePoint) != 0;
}
