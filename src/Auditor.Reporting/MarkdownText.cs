using System.Text;
using System.Text.RegularExpressions;

namespace Auditor.Reporting;

/// <summary>
/// Makes text from the audited project inert in Markdown (GitHub comments, step summaries): Markdown punctuation is
/// backslash-escaped (no emphasis, links, images, autolinked URLs or table cells), HTML is entity-encoded, line breaks become spaces so
/// a value stays inside its table cell, hidden characters (bidi, control) are shown as <c>\u202e</c>, and <c>@</c> and
/// <c>#</c> are followed by a zero-width space written as the entity <c>&amp;#8203;</c>, so <c>@user</c> pings no one
/// and <c>#123</c> links no issue (GitHub finds mentions and references after rendering, so a backslash or
/// <c>&amp;#64;</c> would not stop them).
/// </summary>
public static partial class MarkdownText
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

    /// <summary>
    /// A rule's own Markdown (remediation) made inert like project text, keeping its paragraphs, its `code` spans and
    /// its **bold**: each paragraph is escaped as one line, code spans go through <see cref="Code"/>, and only escaped
    /// bold markers around escaped text are put back. At most <paramref name="cap"/> characters of input are kept.
    /// </summary>
    public static string Prose(string? markdown, int cap = 4000)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }

        var text = markdown.Length > cap ? markdown[..cap] + "..." : markdown;
        var paragraphs = Paragraphs().Split(text.ReplaceLineEndings("\n").Trim()).Select(paragraph =>
        {
            var shown = new StringBuilder();
            var last = 0;
            foreach (Match span in CodeSpan().Matches(paragraph))
            {
                shown.Append(Escape(paragraph[last..span.Index])).Append(Code(span.Groups[1].Value));
                last = span.Index + span.Length;
            }

            shown.Append(Escape(paragraph[last..]));
            return Bold().Replace(shown.ToString(), "**$1**");
        });
        return string.Join("\n\n", paragraphs);
    }

    /// <summary>A table cell: escaped, at most <paramref name="cap"/> characters of the value.</summary>
    public static string Cell(string? text, int cap = 1000) =>
        Escape(text is { Length: > 0 } t && t.Length > cap ? t[..cap] + "..." : text);

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex Paragraphs();

    [GeneratedRegex("`([^`\n]+)`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"\\\*\\\*([^*\\\n]+?)\\\*\\\*")]
    private static partial Regex Bold();
}
