using Auditor.Core.Tracking;

namespace Auditor.Cli;

/// <summary>The other stores found in the project, each a problem line with the <c>--tracking-uri</c> that audits it.</summary>
internal static class StoreHints
{
    public static IEnumerable<string> OtherStores(TrackingChoice choice, string projectPath, string currentDirectory) =>
        choice.OtherStores.Select(s =>
            $"tracking store: the project holds another store, {s.Uri} ({s.Runs} runs), not audited; audit it with --tracking-uri {UsableFrom(s, projectPath, currentDirectory)}");

    /// <summary>The candidate's URI as written (relative to the project folder) when that is the current folder, else absolute.</summary>
    private static string UsableFrom(StoreCandidate store, string projectPath, string currentDirectory)
    {
        if (string.Equals(Path.GetFullPath(currentDirectory).TrimEnd(Path.DirectorySeparatorChar), projectPath, StringComparison.Ordinal))
        {
            return store.Uri;
        }

        const string sqlite = "sqlite:///";
        return store.Kind == TrackingStoreKind.Sqlite
            ? sqlite + Path.GetFullPath(store.Uri[sqlite.Length..], projectPath)
            : Path.GetFullPath(store.Uri, projectPath);
    }
}
