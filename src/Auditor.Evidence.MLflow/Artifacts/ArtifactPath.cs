namespace Auditor.Evidence.MLflow.Artifacts;

/// <summary>
/// The path rules every recorded artifact location obeys before anything is read at it, whichever store recorded it:
/// a location is at most <see cref="MaxLength"/> characters and holds no NUL; a relative part is normalized with
/// <c>..</c> in any spelling (literal, percent-encoded in any case or mix, once or several times, with backslashes)
/// taking back the segment before it, and one that climbs above its start is refused; a folder found on disk counts
/// only when its real path (every symbolic link along it followed) lies in one of the allowed folders.
/// </summary>
internal static class ArtifactPath
{
    /// <summary>The longest location looked at: Linux's PATH_MAX; no real artifact path comes near it.</summary>
    public const int MaxLength = 4096;

    /// <summary>Symbolic links followed along one path before it is taken to loop (Linux's own limit).</summary>
    private const int MaxLinks = 40;

    private const int ShownLength = 300;

    private static readonly StringComparison PathComparison = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

    /// <summary>Why the location cannot name a path at all, or null.</summary>
    public static string? Unusable(string location) =>
        location.Length > MaxLength ? $"longer than {MaxLength} characters; not followed"
        : location.Contains('\0', StringComparison.Ordinal) ? "holds a NUL character; not followed"
        : null;

    /// <summary>
    /// <paramref name="path"/> ('/' or '\' separated) normalized to '/'-separated segments without '.', empty segments
    /// or '..'; null when a '..' climbs above its start, or a segment decodes to a separator or NUL.
    /// </summary>
    public static string? Relative(string path)
    {
        var kept = new List<string>();
        foreach (var segment in path.Replace('\\', '/').Split('/'))
        {
            var decoded = Decoded(segment);
            if (decoded is "" or ".")
            {
                continue;
            }

            if (decoded == "..")
            {
                if (kept.Count == 0)
                {
                    return null;
                }

                kept.RemoveAt(kept.Count - 1);
            }
            else if (decoded.AsSpan().IndexOfAny('/', '\\', '\0') >= 0)
            {
                return null;
            }
            else
            {
                kept.Add(segment);
            }
        }

        return string.Join('/', kept);
    }

    /// <summary>Whether <paramref name="path"/> (already real and full) is <paramref name="folder"/> or lies below it.</summary>
    public static bool IsWithin(string path, string folder)
    {
        var root = folder.Length > 1 ? folder.TrimEnd(Path.DirectorySeparatorChar) : folder;
        return path.Equals(root, PathComparison)
            || (path.StartsWith(root, PathComparison) && (root.EndsWith(Path.DirectorySeparatorChar) || path[root.Length] == Path.DirectorySeparatorChar));
    }

    /// <summary>
    /// The full path with every symbolic link along it followed, as realpath(3) gives it; parts that do not exist are
    /// kept as written. Null for a loop, more than 40 links, or a path the system refuses.
    /// </summary>
    public static string? Real(string path)
    {
        try
        {
            return Follow(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    private static string? Follow(string path)
    {
        var full = Path.GetFullPath(path);
        var current = Path.GetPathRoot(full)!;
        var pending = new Stack<string>(Segments(full[current.Length..]).Reverse());
        var links = 0;
        while (pending.TryPop(out var segment))
        {
            if (segment == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Join(current, segment);
            if (new FileInfo(next).LinkTarget is not { } target)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                return null;
            }

            var resolved = Path.GetFullPath(target, current);
            current = Path.GetPathRoot(resolved)!;
            foreach (var part in Segments(resolved[current.Length..]).Reverse())
            {
                pending.Push(part);
            }
        }

        return current;
    }

    /// <summary>The location as a problem line shows it: cut after 300 characters, NUL spelled out.</summary>
    public static string Shown(string location) =>
        (location.Length > ShownLength ? $"{location[..ShownLength]}... ({location.Length} characters)" : location).Replace("\0", "\\0", StringComparison.Ordinal);

    private static IEnumerable<string> Segments(string path) =>
        path.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".");

    /// <summary>The segment percent-decoded until it no longer changes (a double-encoded <c>%252e</c> is still a dot).</summary>
    private static string Decoded(string segment)
    {
        for (var i = 0; i < 4 && segment.Contains('%', StringComparison.Ordinal); i++)
        {
            var next = Uri.UnescapeDataString(segment);
            if (next == segment)
            {
                break;
            }

            segment = next;
        }

        return segment;
    }
}
