using Auditor.Core.Reporting;

namespace Auditor.Reporting;

/// <summary>
/// The project as the human-readable formats show it: relative to its repository root, under the root folder's name
/// ("churn", "monorepo/models/churn"), or the folder's name without a repository; never the runner's absolute path.
/// </summary>
public static class ProjectPath
{
    public static string Shown(ReportSubject subject)
    {
        var path = subject.Path.TrimEnd('/', '\\');
        if (subject.Repository?.Root.TrimEnd('/', '\\') is { Length: > 0 } root)
        {
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            var name = Path.GetFileName(root);
            if (relative == ".")
            {
                return name;
            }

            if (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative))
            {
                return $"{name}/{relative}";
            }
        }

        return Path.GetFileName(path) is { Length: > 0 } folder ? folder : path;
    }

    /// <summary>A message with the project's absolute path (as a collector wrote it) replaced by <see cref="Shown"/>.</summary>
    public static string InText(string text, ReportSubject subject) =>
        subject.Path.Length > 1 && text.Contains(subject.Path, StringComparison.Ordinal) ? text.Replace(subject.Path, Shown(subject), StringComparison.Ordinal) : text;
}
