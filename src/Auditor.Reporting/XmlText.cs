using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Auditor.Reporting;

/// <summary>
/// XML 1.0 that any parser reads: every character the standard forbids (control characters other than tab and line
/// feed, U+FFFE, U+FFFF, lone surrogates) is shown as an escape (<c>\u001b</c>), as are bidi and other hidden
/// characters (see <see cref="HiddenText"/>), in every attribute and text of the document.
/// </summary>
public static class XmlText
{
    public static string Clean(string text) => HiddenText.Show(text.Replace("\r\n", "\n", StringComparison.Ordinal), "\n\t");

    /// <summary>The document, cleaned, as UTF-8 XML text with a declaration and <c>\n</c> line ends.</summary>
    public static string Serialize(XDocument document)
    {
        foreach (var element in document.Descendants())
        {
            foreach (var attribute in element.Attributes())
            {
                attribute.Value = Clean(attribute.Value);
            }
        }

        foreach (var text in document.DescendantNodes().OfType<XText>())
        {
            text.Value = Clean(text.Value);
        }

        var builder = new StringBuilder();
        using (var writer = XmlWriter.Create(builder, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8, OmitXmlDeclaration = true }))
        {
            document.Save(writer);
        }

        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + builder.ToString().ReplaceLineEndings("\n") + "\n";
    }
}
