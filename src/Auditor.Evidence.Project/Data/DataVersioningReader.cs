using System.Text.RegularExpressions;
using Auditor.Core.Evidence;

namespace Auditor.Evidence.Project.Data;

/// <summary>DVC (with the remotes of <c>.dvc/config</c>, credentials stripped), Git LFS patterns, and lakeFS use.</summary>
internal static partial class DataVersioningReader
{
    public static IReadOnlyList<DataVersioning> Read(ProjectContext context)
    {
        var found = new List<DataVersioning>();
        foreach (var file in context.Files)
        {
            if (file.RelativePath is ".dvc/config" or ".dvc/config.local" && context.Read(file) is { } config)
            {
                found.Add(new DataVersioning(context.Locate(file), "dvc", DvcRemotes(config)));
            }
            else if (file.Name == ".gitattributes" && context.Read(file) is { } attributes)
            {
                var lines = TextLines.Split(attributes);
                var patterns = lines.Select((line, i) => (line, i)).Where(l => l.line.Contains("filter=lfs", StringComparison.Ordinal)).ToList();
                if (patterns.Count > 0)
                {
                    found.Add(new DataVersioning(context.Locate(file, patterns[0].i + 1), "git-lfs", patterns.Select(p => p.line.Split(' ')[0]).ToList()));
                }
            }
            else if (file.Name is ".lakectl.yaml" or "lakectl.yaml")
            {
                found.Add(new DataVersioning(context.Locate(file), "lakefs", []));
            }
            else if (file.Extension is ".py" or ".yaml" or ".yml" or ".toml" or ".cfg" && context.Read(file) is { } text
                && (TextLines.LineOf(text, "lakefs://") ?? TextLines.LineOf(text, "import lakefs")) is { } line)
            {
                found.Add(new DataVersioning(context.Locate(file, line), "lakefs", []));
            }
        }

        if (!found.Any(f => f.Kind == "dvc") && context.Files.FirstOrDefault(f => f.Folder == ".dvc") is { } dvcFolderFile)
        {
            found.Add(new DataVersioning(context.Locate(dvcFolderFile), "dvc", []));
        }

        return found;
    }

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

    [GeneratedRegex("""^\[\s*'?remote\s+"([^"]+)"'?\s*\]$""")]
    private static partial Regex RemoteSection();
}
