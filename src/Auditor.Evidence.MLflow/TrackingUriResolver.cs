using Auditor.Core;
using Auditor.Core.Tracking;

namespace Auditor.Evidence.MLflow;

/// <summary>
/// Finds the tracking store the way MLflow does: an explicit URI, else <c>MLFLOW_TRACKING_URI</c>, else
/// the default in the project folder. Explicit and environment URIs that are relative resolve against the
/// current folder, as in MLflow; the defaults resolve against the audited project folder.
/// </summary>
public static class TrackingUriResolver
{
    public const string EnvironmentVariable = "MLFLOW_TRACKING_URI";

    /// <summary>The location to read, or null when the project has no tracking store.</summary>
    public static TrackingLocation? Resolve(string? explicitUri, string projectPath, Func<string, string?> environment, string currentDirectory)
    {
        var uri = string.IsNullOrWhiteSpace(explicitUri) ? environment(EnvironmentVariable) : explicitUri;
        return string.IsNullOrWhiteSpace(uri) ? FindDefault(projectPath) : Parse(uri.Trim(), currentDirectory);
    }

    /// <summary>
    /// MLflow 3.7+ picks <c>./mlruns</c> when it already holds experiment data, else <c>sqlite:///mlflow.db</c>;
    /// older versions always used <c>./mlruns</c>. A SQLite store keeps its artifacts in <c>./mlruns</c> too, so
    /// an <c>mlruns</c> folder without experiment metadata is not a file store.
    /// </summary>
    private static TrackingLocation? FindDefault(string projectPath)
    {
        var mlruns = Path.Combine(projectPath, "mlruns");
        var database = Path.Combine(projectPath, "mlflow.db");
        if (HasFileStoreData(mlruns))
        {
            return new TrackingLocation(TrackingStoreKind.File, "./mlruns", mlruns);
        }

        if (File.Exists(database))
        {
            return new TrackingLocation(TrackingStoreKind.Sqlite, "sqlite:///mlflow.db", database);
        }

        // An mlruns that is a file, not a folder, is a broken store to report, not an absent one.
        return Directory.Exists(mlruns) || File.Exists(mlruns) ? new TrackingLocation(TrackingStoreKind.File, "./mlruns", mlruns) : null;
    }

    private static bool HasFileStoreData(string mlruns) =>
        Directory.Exists(mlruns)
        && Directory.EnumerateDirectories(mlruns).Any(d => Path.GetFileName(d).All(char.IsAsciiDigit) && File.Exists(Path.Combine(d, "meta.yaml")));

    public static TrackingLocation Parse(string uri, string currentDirectory)
    {
        var redacted = UriRedactor.Redact(uri);
        var schemeEnd = uri.IndexOf("://", StringComparison.Ordinal);
        var scheme = schemeEnd > 0 ? uri[..schemeEnd].ToLowerInvariant() : uri.StartsWith("file:", StringComparison.OrdinalIgnoreCase) ? "file" : "";
        var baseScheme = scheme.Split('+')[0];
        return baseScheme switch
        {
            "" => new TrackingLocation(TrackingStoreKind.File, redacted, Path.GetFullPath(uri, currentDirectory)),
            "file" => new TrackingLocation(TrackingStoreKind.File, redacted, FilePath(uri)),
            "sqlite" => new TrackingLocation(TrackingStoreKind.Sqlite, redacted, SqlitePath(uri, currentDirectory)),
            "postgresql" or "postgres" => new TrackingLocation(TrackingStoreKind.Postgresql, redacted, uri),
            "mysql" => new TrackingLocation(TrackingStoreKind.Mysql, redacted, uri),
            "http" or "https" => new TrackingLocation(TrackingStoreKind.Rest, redacted, uri),
            _ => throw new AuditInputException($"tracking URI {redacted}: the scheme '{scheme}' is not supported (use a path, file:, sqlite:, postgresql:, mysql:, http: or https:)"),
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
