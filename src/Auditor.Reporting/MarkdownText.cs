using System.Text;

namespace Auditor.Reporting;

/// <summary>
/// Makes text from the audited project inert in Markdown (GitHub comments, step summaries): Markdown punctuation is
/// backslash-escaped, HTML is entity-encoded, and line breaks become spaces so a value stays inside its table cell.
/// </summary>
public static class MarkdownText
{
    private const string Special = "\\`*_{}[]()#+!|~>-.";

    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                '\r' or '\n' or '\t' => " ",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ when Special.Contains(c) => "\\" + c,
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    /// <summary>
    /// Inline code for identifiers (ids, SHAs, paths). A backtick would end the span and a pipe a table cell, so
    /// backticks are dropped and pipes escaped (GFM unescapes them); text with markup characters is escaped as plain
    /// text instead, so no renderer can mistake it for HTML.
    /// </summary>
    public static string Code(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        return text.IndexOfAny(['<', '>', '&']) >= 0
            ? Escape(text)
            : "`" + TerminalText.Clean(text.Replace("`", "")).Replace("|", "\\|") + "`";
    }
}
