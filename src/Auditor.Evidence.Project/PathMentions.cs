namespace Auditor.Evidence.Project;

/// <summary>Whether a command or a workflow names a project path: the link from a pipeline to the file it runs or applies.</summary>
internal static class PathMentions
{
    /// <summary>Whether <paramref name="text"/> names <paramref name="path"/> as a whole path (<c>k8s</c>, <c>./k8s/</c>; not <c>deploy/k8s</c> or <c>k8s-old</c>).</summary>
    public static bool Names(string text, string path)
    {
        for (var i = text.IndexOf(path, StringComparison.Ordinal); i >= 0; i = text.IndexOf(path, i + 1, StringComparison.Ordinal))
        {
            var starts = i == 0 || (!IsNameChar(text[i - 1]) && text[i - 1] != '/') || (i >= 2 && text[i - 1] == '/' && text[i - 2] == '.' && (i == 2 || !IsNameChar(text[i - 3])));
            var ends = i + path.Length == text.Length || !IsNameChar(text[i + path.Length]);
            if (starts && ends)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="text"/> runs the Python file: by its path, its dotted module (<c>monitoring.drift</c>; a top-level module
    /// only as <c>-m drift</c>) or by its name next to its folder (<c>cd monitoring &amp;&amp; python drift.py</c>).
    /// </summary>
    public static bool NamesFile(string text, ProjectFile file)
    {
        var module = file.RelativePath[..^3].Replace('/', '.');
        return Names(text, file.RelativePath) || Names(text, module.Contains('.', StringComparison.Ordinal) ? module : "-m " + module)
            || (file.Folder.Length > 0 && Names(text, file.Name) && Names(text, file.Folder));
    }

    private static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '-' or '.';
}
