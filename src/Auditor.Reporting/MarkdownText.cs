using System.Text;

namespace Auditor.Reporting;

/// <summary>
/// Makes text from the audited project inert in Markdown (GitHub comments, step summaries): Markdown punctuation is
/// backslash-escaped (no emphasis, links, images, autolinked URLs or table cells), HTML is entity-encoded, line breaks become spaces so
/// a value stays inside its table cell, hidden characters (bidi, control) are shown as <c>\u202e</c>, and <c>@</c> and
/// <c>#</c> are followed by a zero-width space written as the entity <c>&amp;#8203;</c>, so <c>@user</c> pings no one
/// and <c>#123</c> links no issue (GitHub finds mentions and references after rendering, so a backslash or
/// <c>&amp;#64;</c> would not stop them).
/// </summary>
public static class MarkdownText
{
    private const string Special = "\\`*_{}[]()+!|~>-.";

    /// <summary>What follows <c>@</c> and <c>#</c>: a zero-width space, as an entity (the file holds no invisible character).</summary>
    public const string Breaker = "&#8203;";

    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var shown = HiddenText.Show(text, "\r\n\t");
        var builder = new StringBuilder(shown.Length + 8);
        foreach (var c in shown)
        {
            builder.Append(c switch
            {
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                '\r' or '\n' or '\t' => " ",
                '@' or '#' => c + Breaker,
                _ when Special.Contains(c) => "\\" + c,
                _ => c.ToString(),
            });
        }

        return builder.Replace("://", "\\://").ToString();
    }

    /// <summary>
    /// Inline code for identifiers (ids, SHAs, paths). A backtick would end the span and a pipe a table cell, so
    /// backticks are dropped and pipes escaped (GFM unescapes them); text with markup characters is escaped as plain
    /// text instead, so no renderer can mistake it for HTML. GitHub links no mention or reference inside code.
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
