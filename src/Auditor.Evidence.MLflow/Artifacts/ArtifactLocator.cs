using System.Text.RegularExpressions;

namespace Auditor.Evidence.MLflow.Artifacts;

/// <summary>
/// Turns an artifact location recorded in a store into a local folder. MLflow records absolute paths of the
/// machine and folder where the store was created; when such a path does not exist as written, the part after
/// an <c>mlruns</c> segment is looked up under the artifact roots (a moved or copied store, or a database whose
/// artifacts were copied here). <c>mlflow-artifacts:/&lt;path&gt;</c>, a server's proxied artifact, is looked up as
/// <c>&lt;root&gt;/&lt;path&gt;</c> under the roots the user named (the layout of the server's artifact destination),
/// never under a store's own folder. Other remote schemes are never followed.
/// </summary>
internal sealed partial class ArtifactLocator(IReadOnlyList<string> artifactRoots, string baseFolder, IReadOnlyList<string>? proxiedRoots = null)
{
    private const string Mlruns = "mlruns";

    /// <summary>True for URIs with a scheme other than <c>file:</c> (s3:, gs:, mlflow-artifacts:, http:, dbfs:, models:, runs:, ...).</summary>
    public static bool IsRemote(string uri) => Scheme().Match(uri) is { Success: true } m && !m.Groups[1].Value.Equals("file", StringComparison.OrdinalIgnoreCase);

    /// <summary>The local folder the location resolves to, or null when it is remote or cannot be found.</summary>
    public string? Find(string uri)
    {
        if (ProxiedArtifactUri.PathOf(uri) is { } proxied)
        {
            return (proxiedRoots ?? []).Select(root => Path.Combine(root, proxied)).FirstOrDefault(Directory.Exists);
        }

        if (IsRemote(uri))
        {
            return null;
        }

        var path = LocalPath(uri).Replace('\\', '/');
        var asWritten = Path.IsPathRooted(path) ? path : Path.GetFullPath(path, baseFolder);
        if (Directory.Exists(asWritten))
        {
            return asWritten;
        }

        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i] != Mlruns)
            {
                continue;
            }

            var rest = string.Join('/', segments.Skip(i + 1));
            foreach (var root in artifactRoots)
            {
                var candidate = rest.Length == 0 ? root : Path.Combine(root, rest);
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary><c>file:///abs</c>, <c>file:/abs</c> and <c>file://host/abs</c> to a path; anything else unchanged.</summary>
    private static string LocalPath(string uri)
    {
        if (!uri.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return uri;
        }

        var path = uri["file:".Length..];
        if (path.StartsWith("//", StringComparison.Ordinal))
        {
            path = path[2..];
            var slash = path.IndexOf('/');
            path = slash < 0 ? "/" : path[slash..];
        }

        return Uri.UnescapeDataString(path);
    }

    /// <summary>A URI scheme of two or more characters (one letter is a Windows drive).</summary>
    [GeneratedRegex("^([a-zA-Z][a-zA-Z0-9+.\\-]+):")]
    private static partial Regex Scheme();
}
