namespace Auditor.Evidence.Project;

/// <summary>Line helpers for facts that point at a line.</summary>
internal static class TextLines
{
    public static string[] Split(string text) => text.Split('\n');

    /// <summary>The 1-based line of the first occurrence of <paramref name="needle"/>, or null.</summary>
    public static int? LineOf(string text, string needle, StringComparison comparison = StringComparison.Ordinal)
    {
        var index = text.IndexOf(needle, comparison);
        return index < 0 ? null : text.AsSpan(0, index).Count('\n') + 1;
    }
}
