using System.Net;

namespace Auditor.Reporting;

/// <summary>Text for HTML: entity-encoded, and hidden characters (bidi overrides, control characters) shown as <c>\u202e</c>.</summary>
public static class HtmlText
{
    public static string Encode(string? text) => string.IsNullOrEmpty(text) ? "" : WebUtility.HtmlEncode(HiddenText.Show(text, "\n\t"));
}
