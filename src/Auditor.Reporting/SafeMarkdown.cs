using System.Text;
using System.Text.RegularExpressions;

namespace Auditor.Reporting;

/// <summary>
/// Renders the small Markdown subset rule texts use (paragraphs, `code`, **bold**) as HTML: the text is
/// HTML-escaped first and only then are the markers turned into tags, so no markup in the input survives.
/// </summary>
public static partial class SafeMarkdown
{
    public static TrustedHtml ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return new TrustedHtml("");
        }

        var html = new StringBuilder();
        foreach (var paragraph in Paragraphs().Split(markdown.ReplaceLineEndings("\n").Trim()))
        {
            var encoded = HtmlText.Encode(paragraph.Trim());
            encoded = CodeSpan().Replace(encoded, "<code>$1</code>");
            encoded = Bold().Replace(encoded, "<strong>$1</strong>");
            html.Append("<p>").Append(encoded.Replace("\n", "<br>")).Append("</p>");
        }

        return new TrustedHtml(html.ToString());
    }

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex Paragraphs();

    [GeneratedRegex("`([^`\n]+)`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"\*\*([^*\n]+)\*\*")]
    private static partial Regex Bold();
}
