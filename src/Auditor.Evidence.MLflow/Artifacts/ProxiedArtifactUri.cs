namespace Auditor.Evidence.MLflow.Artifacts;

/// <summary>
/// <c>mlflow-artifacts:</c> URIs: artifacts a tracking server stores for its clients under its artifact destination.
/// MLflow takes the URI's path, without leading slashes, as the path under that destination
/// (mlflow/server/handlers.py <c>_get_proxied_run_artifact_destination_path</c>).
/// </summary>
internal static class ProxiedArtifactUri
{
    private const string Scheme = "mlflow-artifacts:";

    public static bool IsProxied(string uri) => uri.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The path under the artifact destination, normalized by <see cref="ArtifactPath.Relative"/>; null for other URIs
    /// and for paths that climb out with <c>..</c> (also percent-encoded).
    /// </summary>
    public static string? PathOf(string uri) => IsProxied(uri) ? ArtifactPath.Relative(RawPathOf(uri)) : null;

    /// <summary>The URI's path as written, without its scheme and authority.</summary>
    public static string RawPathOf(string uri)
    {
        var path = uri[Scheme.Length..];
        if (path.StartsWith("//", StringComparison.Ordinal))
        {
            var slash = path.IndexOf('/', 2);
            path = slash < 0 ? "" : path[slash..];
        }

        return path;
    }
}
