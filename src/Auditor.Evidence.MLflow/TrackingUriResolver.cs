using Auditor.Core;
using Auditor.Core.Tracking;
using Auditor.Evidence.MLflow.FileStore;
using Auditor.Evidence.MLflow.Rest;
using Auditor.Evidence.MLflow.Sql;

namespace Auditor.Evidence.MLflow;

/// <summary>
/// Finds the tracking store the way MLflow does: an explicit URI, else <c>MLFLOW_TRACKING_URI</c>, else
/// the default in the project folder, else a store inside the project. Explicit and environment URIs that are relative resolve against the
/// current folder, as in MLflow; the defaults resolve against the audited project folder.
/// </summary>
public static class TrackingUriResolver
{
    public const string EnvironmentVariable = "MLFLOW_TRACKING_URI";

    /// <summary>How many folders down the project is searched for stores where MLflow's default holds no runs.</summary>
    public const int DiscoveryDepth = StoreDiscovery.MaxDepth;

    /// <summary>The location to read, or null when the project has no tracking store.</summary>
    public static TrackingLocation? Resolve(string? explicitUri, string projectPath, Func<string, string?> environment, string currentDirectory)
    {
        var uri = string.IsNullOrWhiteSpace(explicitUri) ? environment(EnvironmentVariable) : explicitUri;
        return string.IsNullOrWhiteSpace(uri) ? FindInProject(projectPath).Location : Parse(uri.Trim(), currentDirectory);
    }

    /// <summary>A URI the user named, relative to <paramref name="baseDirectory"/>.</summary>
    public static LocatedStore Named(string uri, string baseDirectory, TrackingSource source) => LocatedStore.Of(Parse(uri.Trim(), baseDirectory), source);

    /// <summary>
    /// MLflow's default in the project folder, as MLflow picks it: 3.7+ takes <c>./mlruns</c> when it already holds
    /// experiment data, else <c>sqlite:///mlflow.db</c>; older versions always used <c>./mlruns</c>. A SQLite store keeps
    /// its artifacts in <c>./mlruns</c> too, so an <c>mlruns</c> folder without experiment metadata is not a file store.
    /// Where the default holds no runs, the store inside the project with the most runs (<see cref="StoreDiscovery"/>),
    /// the others listed. A default that cannot be counted (unreadable) stays the choice, to be reported.
    /// </summary>
    public static LocatedStore FindInProject(string projectPath)
    {
        var mlruns = Path.Combine(projectPath, "mlruns");
        var database = Path.Combine(projectPath, "mlflow.db");
        var byDefault = FileStoreProbe.HasExperimentData(mlruns) ? new TrackingLocation(TrackingStoreKind.File, "./mlruns", mlruns)
            : File.Exists(database) ? new TrackingLocation(TrackingStoreKind.Sqlite, "sqlite:///mlflow.db", database)
            : null;
        var defaultRuns = byDefault is null ? 0 : byDefault.Kind == TrackingStoreKind.File ? FileStoreProbe.CountRuns(mlruns) : SqliteStoreProbe.CountRuns(database);
        if (byDefault is not null && defaultRuns != 0)
        {
            return LocatedStore.Of(byDefault, TrackingSource.Default);
        }

        var found = StoreDiscovery.Find(projectPath).Where(f => f.Location.Target != byDefault?.Target).ToList();
        if (found.Count > 0 && (byDefault is null || found[0].Runs > 0))
        {
            return LocatedStore.Of(found[0].Location, TrackingSource.Discovered, found.Skip(1).Select(f => new StoreCandidate(f.Location.RedactedUri, f.Location.Kind, f.Runs)).ToList());
        }

        // An mlruns that is a file, or a folder of artifacts only, is a broken store to report, not an absent one.
        return byDefault is not null ? LocatedStore.Of(byDefault, TrackingSource.Default)
            : Directory.Exists(mlruns) || File.Exists(mlruns) ? LocatedStore.Of(new TrackingLocation(TrackingStoreKind.File, "./mlruns", mlruns), TrackingSource.Default)
            : LocatedStore.None;
    }

    public static TrackingLocation Parse(string uri, string currentDirectory)
    {
        var redacted = UriRedactor.Redact(uri);
        var schemeEnd = uri.IndexOf("://", StringComparison.Ordinal);
        var scheme = schemeEnd > 0 ? uri[..schemeEnd].ToLowerInvariant()
            : uri.StartsWith("file:", StringComparison.OrdinalIgnoreCase) ? "file"
            : uri.Equals(DatabricksWorkspace.Scheme, StringComparison.OrdinalIgnoreCase) ? DatabricksWorkspace.Scheme
            : "";
        var baseScheme = scheme.Split('+')[0];
        return baseScheme switch
        {
            "" => new TrackingLocation(TrackingStoreKind.File, redacted, Path.GetFullPath(uri, currentDirectory)),
            "file" => new TrackingLocation(TrackingStoreKind.File, redacted, FilePath(uri)),
            "sqlite" => new TrackingLocation(TrackingStoreKind.Sqlite, redacted, SqlitePath(uri, currentDirectory)),
            "postgresql" or "postgres" => new TrackingLocation(TrackingStoreKind.Postgresql, redacted, uri),
            "mysql" => new TrackingLocation(TrackingStoreKind.Mysql, redacted, uri),
            "http" or "https" => new TrackingLocation(TrackingStoreKind.Rest, redacted, uri),
            "databricks" => new TrackingLocation(TrackingStoreKind.Rest, redacted, DatabricksWorkspace.CheckUri(uri)),
            _ => throw new AuditInputException($"tracking URI {redacted}: the scheme '{scheme}' is not supported (use a path, file:, sqlite:, postgresql:, mysql:, http:, https: or databricks)"),
        };
    }

    private static string FilePath(string uri)
    {
        // file:///abs/path, file:/abs/path and file:relative all occur in the wild.
        var path = uri["file:".Length..];
        if (path.StartsWith("//", StringComparison.Ordinal))
        {
            path = path[2..];
            var slash = path.IndexOf('/');
            path = slash < 0 ? "/" : path[slash..];
        }

        return Path.GetFullPath(Uri.UnescapeDataString(path));
    }

    /// <summary><c>sqlite:///relative.db</c> is relative to the current folder; <c>sqlite:////abs.db</c> is absolute.</summary>
    private static string SqlitePath(string uri, string currentDirectory)
    {
        var rest = uri[(uri.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var query = rest.IndexOf('?');
        if (query >= 0)
        {
            rest = rest[..query];
        }

        if (!rest.StartsWith('/') || rest == "/")
        {
            throw new AuditInputException($"tracking URI {UriRedactor.Redact(uri)}: a SQLite URI has the form sqlite:///relative/path.db or sqlite:////absolute/path.db");
        }

        var path = Uri.UnescapeDataString(rest[1..]);
        return Path.GetFullPath(path, currentDirectory);
    }
}
