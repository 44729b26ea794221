using System.Text.RegularExpressions;

namespace Auditor.Evidence.MLflow.Artifacts;

/// <summary>
/// Turns an artifact location recorded in a store into a local folder: the one resolution every store read on this
/// machine goes through. MLflow records absolute paths of the machine and folder where the store was created; when
/// such a path does not exist as written, the part after an <c>mlruns</c> segment is looked up under the search roots
/// (a moved or copied store, or a database whose artifacts were copied here). <c>mlflow-artifacts:/&lt;path&gt;</c>, a
/// server's proxied artifact, is looked up as <c>&lt;root&gt;/&lt;path&gt;</c> under the roots the user named (the layout
/// of the server's artifact destination), never under a store's own folder. Other remote schemes are never followed.
/// Windows drive (<c>C:\...</c>) and UNC (<c>\\server\share\...</c>) paths recorded on another machine are only looked up
/// by their <c>mlruns</c> part. Every relative part obeys <see cref="ArtifactPath"/>: one that climbs out of its root is
/// refused, and a folder whose real path lies outside the allowed folders (the search and proxied roots and the
/// <paramref name="trustedFolders"/>: the project, the store's own folder) is refused.
/// </summary>
internal sealed partial class ArtifactLocator(IReadOnlyList<string> searchRoots, string baseFolder, IReadOnlyList<string>? proxiedRoots = null, IReadOnlyList<string>? trustedFolders = null)
{
    private const string Mlruns = "mlruns";

    private const string Outside = "outside the project, the store and the artifact roots; not read";

    private readonly IReadOnlyList<string> _proxiedRoots = proxiedRoots ?? [];

    private readonly List<string> _allowed = [.. searchRoots.Concat(proxiedRoots ?? []).Concat(trustedFolders ?? [])
        .Select(root => ArtifactPath.Real(root) ?? Path.GetFullPath(root)).Distinct(StringComparer.Ordinal)];

    /// <summary>True for URIs with a scheme other than <c>file:</c> (s3:, gs:, mlflow-artifacts:, http:, dbfs:, models:, runs:, ...).</summary>
    public static bool IsRemote(string uri) => Scheme().Match(uri) is { Success: true } m && !m.Groups[1].Value.Equals("file", StringComparison.OrdinalIgnoreCase);

    /// <summary>Where <paramref name="uri"/> leads; never throws on what a store records.</summary>
    public ArtifactPlace Find(string uri)
    {
        if (ArtifactPath.Unusable(uri) is { } unusable)
        {
            return ArtifactPlace.Refused(unusable);
        }

        if (ProxiedArtifactUri.IsProxied(uri))
        {
            return ProxiedArtifactUri.PathOf(uri) is not { } proxied ? ArtifactPlace.Refused("climbs out of the artifact root with '..'; not read")
                : _proxiedRoots.Count == 0 ? ArtifactPlace.Remote
                : FirstUnder(_proxiedRoots, proxied) ?? ArtifactPlace.Remote;
        }

        if (IsRemote(uri))
        {
            return ArtifactPlace.Remote;
        }

        var path = LocalPath(uri).Replace('\\', '/');
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            return ArtifactPlace.Refused("holds an encoded NUL character; not followed");
        }

        ArtifactPlace? refused = null;
        if (!IsForeign(path) && Path.GetFullPath(path, baseFolder) is var asWritten && Directory.Exists(asWritten))
        {
            var place = Checked(asWritten);
            if (place.State != Core.Tracking.ModelArtifactState.Refused)
            {
                return place;
            }

            refused = place;
        }

        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i] != Mlruns)
            {
                continue;
            }

            if (ArtifactPath.Relative(string.Join('/', segments.Skip(i + 1))) is not { } rest)
            {
                return ArtifactPlace.Refused("climbs out of the store with '..'; not read");
            }

            if (FirstUnder(searchRoots, rest) is { } found)
            {
                return found;
            }
        }

        return refused ?? ArtifactPlace.Missing;
    }

    /// <summary>Whether the real path of <paramref name="path"/> (a model file, a folder) lies in an allowed folder.</summary>
    public bool IsAllowed(string path) => ArtifactPath.Real(path) is { } real && _allowed.Exists(root => ArtifactPath.IsWithin(real, root));

    /// <summary>The first folder <paramref name="relative"/> names under the roots, checked; null when none exists.</summary>
    private ArtifactPlace? FirstUnder(IReadOnlyList<string> roots, string relative)
    {
        ArtifactPlace? refused = null;
        foreach (var root in roots)
        {
            var candidate = relative.Length == 0 ? root : Path.Combine(root, relative);
            if (Directory.Exists(candidate))
            {
                var place = Checked(candidate);
                if (place.State != Core.Tracking.ModelArtifactState.Refused)
                {
                    return place;
                }

                refused ??= place;
            }
        }

        return refused;
    }

    private ArtifactPlace Checked(string folder) =>
        ArtifactPath.Real(folder) is { } real && _allowed.Exists(root => ArtifactPath.IsWithin(real, root)) ? ArtifactPlace.At(Path.GetFullPath(folder)) : ArtifactPlace.Refused(Outside);

    /// <summary>A drive or UNC path on a system that has neither: written on Windows, never to be read as it stands here.</summary>
    private static bool IsForeign(string path) => !OperatingSystem.IsWindows() && (DrivePath().IsMatch(path) || path.StartsWith("//", StringComparison.Ordinal));

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

        // file:///C:/... names a drive: the leading slash is the URI's, not the path's.
        path = Uri.UnescapeDataString(path);
        return path.Length > 2 && path[0] == '/' && DrivePath().IsMatch(path[1..]) ? path[1..] : path;
    }

    /// <summary>A URI scheme of two or more characters (one letter is a Windows drive).</summary>
    [GeneratedRegex("^([a-zA-Z][a-zA-Z0-9+.\\-]+):")]
    private static partial Regex Scheme();

    [GeneratedRegex("^[a-zA-Z]:/")]
    private static partial Regex DrivePath();
}
