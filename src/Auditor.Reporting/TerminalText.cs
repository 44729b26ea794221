namespace Auditor.Reporting;

/// <summary>
/// Makes text from the audited project safe for a terminal: control characters (escape sequences), bidi and other
/// invisible format characters are shown as escapes (<c>\u001b</c>, <c>\u202e</c>), not obeyed (see <see cref="HiddenText"/>).
/// </summary>
public static class TerminalText
{
    /// <summary>One value: line breaks and tabs are shown too, so a value can never start a line of its own.</summary>
    public static string Clean(string text) => HiddenText.Show(text);

    /// <summary>A whole line of output (no line break in it): tabs stay.</summary>
    public static string CleanLine(string line) => HiddenText.Show(line, "\t");
}
