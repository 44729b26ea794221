namespace Auditor.Evidence.MLflow.FileStore;

/// <summary>
/// Whether a folder is an MLflow file store, and a cheap count of its runs, without reading any run: a file store is
/// a folder holding numbered experiment folders with a <c>meta.yaml</c>; a run is a folder with a <c>meta.yaml</c> in one.
/// </summary>
internal static class FileStoreProbe
{
    public static bool HasExperimentData(string folder) => ExperimentFolders(folder).Any();

    /// <summary>Runs in the store (deleted experiments in <c>.trash</c> included), or null when the folder is not a file store.</summary>
    public static int? CountRuns(string folder)
    {
        if (!HasExperimentData(folder))
        {
            return null;
        }

        return ExperimentFolders(folder).Concat(ExperimentFolders(Path.Combine(folder, FileStoreLayout.Trash)))
            .SelectMany(e => StoreFolders.Subfolders(e))
            .Count(r => !FileStoreLayout.ReservedExperimentFolders.Contains(Path.GetFileName(r)) && File.Exists(Path.Combine(r, FileStoreLayout.Meta)));
    }

    private static IEnumerable<string> ExperimentFolders(string folder) =>
        StoreFolders.Subfolders(folder).Where(d => FileStoreLayout.IsExperimentFolder(Path.GetFileName(d)) && File.Exists(Path.Combine(d, FileStoreLayout.Meta)));
}
