using System.Text;

namespace Auditor.Reporting;

/// <summary>
/// JSON text whose strings show no hidden character raw: bidi overrides, zero-width and other format characters and
/// line separators become <c>\u</c> escapes, which mean the same to every parser. JSON holds such characters only
/// inside strings, so the whole text can be rewritten.
/// </summary>
public static class JsonText
{
    public static string EscapeHidden(string json)
    {
        if (!json.Any(HiddenText.IsHidden))
        {
            return json;
        }

        var builder = new StringBuilder(json.Length + 32);
        foreach (var c in json)
        {
            if (HiddenText.IsHidden(c) && c is not ('\n' or '\r' or '\t'))
            {
                builder.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
