using System.Text.Json;
using System.Xml.Linq;

namespace Auditor.Testing;

/// <summary>
/// What every output of an audit of hostile input must be: each report parses as its format, and no secret the
/// test planted (a password, a token, an echoed Authorization header) appears in a report or on either stream.
/// </summary>
public static class OutputSafety
{
    /// <summary>Throws naming the file (or stream) and what is wrong; returns the reports it checked.</summary>
    public static IReadOnlyList<string> AssertSafe(string outputDirectory, IEnumerable<string> secrets, string standardOutput = "", string standardError = "")
    {
        var planted = secrets.Where(s => s.Length > 0).ToList();
        var reports = Directory.Exists(outputDirectory) ? Directory.EnumerateFiles(outputDirectory).Order(StringComparer.Ordinal).ToList() : [];
        foreach (var file in reports)
        {
            var text = File.ReadAllText(file);
            AssertParses(file, text);
            AssertNoSecret(Path.GetFileName(file), text, planted);
        }

        AssertNoSecret("standard output", standardOutput, planted);
        AssertNoSecret("standard error", standardError, planted);
        return reports;
    }

    private static void AssertParses(string file, string text)
    {
        try
        {
            switch (Path.GetExtension(file))
            {
                case ".json" or ".sarif":
                    using (JsonDocument.Parse(text))
                    {
                    }

                    break;
                case ".xml":
                    XDocument.Parse(text);
                    break;
                case ".html" when !text.StartsWith("<!DOCTYPE html>", StringComparison.OrdinalIgnoreCase):
                    throw new InvalidOperationException("does not start with <!DOCTYPE html>");
            }
        }
        catch (Exception e) when (e is JsonException or System.Xml.XmlException or InvalidOperationException)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} does not parse as its format: {e.Message}", e);
        }
    }

    private static void AssertNoSecret(string where, string text, IReadOnlyList<string> secrets)
    {
        foreach (var secret in secrets)
        {
            var at = text.IndexOf(secret, StringComparison.Ordinal);
            if (at >= 0)
            {
                var start = Math.Max(0, at - 60);
                throw new InvalidOperationException($"{where} shows a planted secret: ...{text.Substring(start, Math.Min(text.Length - start, secret.Length + 120))}...");
            }
        }
    }
}
