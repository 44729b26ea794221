using System.Text.RegularExpressions;
using Auditor.Core.Evidence;

namespace Auditor.Evidence.Project.Data;

/// <summary>
/// Data versioning in use. Accepted positive signals: DVC with data under it (a <c>.dvc/config</c> and at least one tracked output:
/// a <c>*.dvc</c> file with <c>outs</c>, or a <c>dvc.lock</c> stage with <c>outs</c>; remotes of <c>.dvc/config</c> are reported,
/// credentials stripped); Git LFS (a <c>.gitattributes</c> line, not a comment, with <c>filter=lfs</c>); lakeFS (<c>.lakectl.yaml</c>,
/// an <c>import lakefs</c>/<c>lakefs_sdk</c>/<c>lakefs_client</c>, or a <c>lakefs://</c> URI on a line that is not a comment).
/// Not data versioning: <c>dvc init</c> alone (a <c>.dvc</c> folder or config with nothing tracked), a <c>.dvcignore</c>, a commented-out
/// LFS pattern, a lakeFS URI in a comment.
/// </summary>
internal static partial class DataVersioningReader
{
    public static IReadOnlyList<DataVersioning> Read(ProjectContext context)
    {
        var found = new List<DataVersioning>();
        foreach (var file in context.Files)
        {
            if (file.RelativePath is ".dvc/config" or ".dvc/config.local" && context.Read(file) is { } config)
            {
                if (DvcTracked(context) is { } tracked)
                {
                    found.Add(new DataVersioning(context.Locate(tracked), "dvc", DvcRemotes(config)));
                }
            }
            else if (file.Name == ".gitattributes" && context.Read(file) is { } attributes)
            {
                var lines = TextLines.Split(attributes);
                var patterns = lines.Select((line, i) => (line, i)).Where(l => !l.line.TrimStart().StartsWith('#') && l.line.Contains("filter=lfs", StringComparison.Ordinal)).ToList();
                if (patterns.Count > 0)
                {
                    found.Add(new DataVersioning(context.Locate(file, patterns[0].i + 1), "git-lfs", patterns.Select(p => p.line.Split(' ')[0]).ToList()));
                }
            }
            else if (file.Name is ".lakectl.yaml" or "lakectl.yaml")
            {
                found.Add(new DataVersioning(context.Locate(file), "lakefs", []));
            }
            else if (file.Extension is ".py" or ".yaml" or ".yml" or ".toml" or ".cfg" && context.Read(file) is { } text && LakeFs().Match(text) is { Success: true } lakefs)
            {
                found.Add(new DataVersioning(context.Locate(file, text.AsSpan(0, lakefs.Index).Count('\n') + 1), "lakefs", []));
            }
        }

        return found.DistinctBy(f => f.Kind).ToList();
    }

    /// <summary>The first file that puts data under DVC: a <c>.dvc</c> file with outputs, else a <c>dvc.lock</c> with outputs.</summary>
    private static ProjectFile? DvcTracked(ProjectContext context) =>
        context.Files.FirstOrDefault(f => f.Extension == ".dvc" && f.Folder != ".dvc" && context.Read(f) is { } text && DvcOuts().IsMatch(text))
        ?? context.Files.FirstOrDefault(f => f.Name == "dvc.lock" && context.Read(f) is { } text && DvcOuts().IsMatch(text));

    private static IReadOnlyList<string> DvcRemotes(string config)
    {
        var remotes = new List<string>();
        string? remote = null;
        foreach (var raw in TextLines.Split(config))
        {
            var line = raw.Trim();
            var section = RemoteSection().Match(line);
            if (section.Success)
            {
                remote = section.Groups[1].Value;
            }
            else if (line.StartsWith('['))
            {
                remote = null;
            }
            else if (remote is not null && line.StartsWith("url", StringComparison.Ordinal) && line.Contains('=', StringComparison.Ordinal))
            {
                remotes.Add($"{remote}: {StripCredentials(line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim())}");
            }
        }

        return remotes;
    }

    private static string StripCredentials(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0 ? url.Replace(uri.UserInfo + "@", "", StringComparison.Ordinal) : url;

    [GeneratedRegex(@"^\s*outs:\s*\r?\n\s*-\s*(md5|path|hash|etag)\s*:", RegexOptions.Multiline)]
    private static partial Regex DvcOuts();

    [GeneratedRegex(@"^(?!\s*#).*?(lakefs://|^\s*(import|from)\s+lakefs(_sdk|_client)?\b)", RegexOptions.Multiline)]
    private static partial Regex LakeFs();

    [GeneratedRegex("""^\[\s*'?remote\s+"([^"]+)"'?\s*\]$""")]
    private static partial Regex RemoteSection();
}
