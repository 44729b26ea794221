using Auditor.Core.Tracking;
using Auditor.Evidence.MLflow.FileStore;
using Auditor.Evidence.MLflow.Sql;

namespace Auditor.Evidence.MLflow;

/// <summary>
/// Looks for tracking stores inside the project: file stores (any folder holding numbered experiment folders with a
/// <c>meta.yaml</c>) and SQLite stores (<c>*.db</c> files that are MLflow databases), breadth first, at most
/// <see cref="MaxDepth"/> folders down, <see cref="MaxFolders"/> folders and <see cref="MaxStores"/> stores. It does not
/// enter <c>.git</c>, virtual environments (<c>.venv</c>, <c>venv</c>, any folder with <c>pyvenv.cfg</c>),
/// <c>site-packages</c>, <c>node_modules</c>, caches, a store it found, or symbolic links.
/// </summary>
internal static class StoreDiscovery
{
    public const int MaxDepth = 4;
    public const int MaxFolders = 10_000;
    public const int MaxStores = 20;

    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        ".git", ".hg", ".svn", ".venv", "venv", "site-packages", "node_modules", "__pycache__", ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ipynb_checkpoints",
    };

    /// <summary>The stores found, most runs first, then by path.</summary>
    public static IReadOnlyList<FoundStore> Find(string projectPath)
    {
        var found = new List<FoundStore>();
        var queue = new Queue<(string Folder, int Depth)>([(projectPath, 0)]);
        for (var visited = 0; queue.Count > 0 && visited < MaxFolders && found.Count < MaxStores; visited++)
        {
            var (folder, depth) = queue.Dequeue();
            foreach (var database in Databases(folder))
            {
                if (SqliteStoreProbe.CountRuns(database) is { } runs)
                {
                    found.Add(new FoundStore(new TrackingLocation(TrackingStoreKind.Sqlite, "sqlite:///" + Relative(projectPath, database), database), runs));
                }
            }

            if (depth == MaxDepth)
            {
                continue;
            }

            foreach (var sub in StoreFolders.Subfolders(folder).Where(Enters).Order(StringComparer.Ordinal))
            {
                if (FileStoreProbe.CountRuns(sub) is { } runs)
                {
                    found.Add(new FoundStore(new TrackingLocation(TrackingStoreKind.File, "./" + Relative(projectPath, sub), sub), runs));
                }
                else
                {
                    queue.Enqueue((sub, depth + 1));
                }
            }
        }

        return found.Take(MaxStores).OrderByDescending(s => s.Runs).ThenBy(s => s.Location.Target, StringComparer.Ordinal).ToList();
    }

    private static bool Enters(string folder) => !Skipped.Contains(Path.GetFileName(folder)) && !File.Exists(Path.Combine(folder, "pyvenv.cfg"));

    private static IEnumerable<string> Databases(string folder)
    {
        try
        {
            return Directory.EnumerateFiles(folder, "*.db", new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint }).Order(StringComparer.Ordinal).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static string Relative(string projectPath, string path) => Path.GetRelativePath(projectPath, path).Replace('\\', '/');
}
