using System.Globalization;
using System.Text;

namespace Auditor.Reporting;

/// <summary>
/// Characters a reader cannot see, or that change how the text around them is shown or parsed: control characters
/// (terminal escape sequences), Unicode format characters (the bidi overrides and isolates U+202A-U+202E and
/// U+2066-U+2069, the marks U+200E, U+200F and U+061C, zero-width and tag characters: the Trojan Source pattern),
/// line and paragraph separators, lone surrogates, and U+FFFE/U+FFFF. <see cref="Show"/> writes each as a visible
/// escape (<c>\u202e</c>), which every format can hold.
/// </summary>
public static class HiddenText
{
    public static bool IsHidden(char c) =>
        char.IsControl(c) || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF'
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    /// <summary>The text with every hidden character except those in <paramref name="keep"/> shown as an escape; valid surrogate pairs stay.</summary>
    public static string Show(string text, string keep = "")
    {
        if (!NeedsWork(text, keep))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var codePoint = char.ConvertToUtf32(c, text[i + 1]);
                builder.Append(CharUnicodeInfo.GetUnicodeCategory(codePoint) == UnicodeCategory.Format ? $"\\U{codePoint:x8}" : text.AsSpan(i, 2));
                i++;
            }
            else if (IsHidden(c) && keep.IndexOf(c) < 0)
            {
                builder.Append(c switch
                {
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    _ => $"\\u{(int)c:x4}",
                });
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool NeedsWork(string text, string keep)
    {
        foreach (var c in text)
        {
            if ((IsHidden(c) && keep.IndexOf(c) < 0) || char.IsSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }
}
