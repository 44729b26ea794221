using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Auditor.Core.Facts;
using Auditor.Core.Reporting;

namespace Auditor.Reporting;

/// <summary>
/// Applies a <see cref="SecretRedactor"/> to every text of a finished report (problems, finding messages, evidence
/// values and details, waivers, the trace and its gaps, the subject, inventory names, dictionary keys), by
/// construction: the report goes through its JSON contract with every string redacted on the way and comes back as
/// a model. Lone surrogates, which no UTF-8 file can hold, become U+FFFD on the way too.
/// </summary>
public static class ReportRedaction
{
    /// <summary>The redactor of the <see cref="Apply"/> running on this thread (serialization is synchronous), so one options instance, with its metadata, serves every call.</summary>
    [ThreadStatic]
    private static SecretRedactor? _current;

    private static readonly JsonSerializerOptions Redacting = new(JsonReportWriter.Options) { WriteIndented = false, Converters = { new RedactingStrings() } };

    public static AuditReport Apply(AuditReport report, SecretRedactor redactor)
    {
        byte[] json;
        _current = redactor;
        try
        {
            json = JsonSerializer.SerializeToUtf8Bytes(report, JsonReportWriter.Info<AuditReport>(Redacting));
        }
        finally
        {
            _current = null;
        }

        return JsonSerializer.Deserialize(json, JsonReportWriter.Info<AuditReport>(JsonReportWriter.Options))
               ?? throw new InvalidOperationException("the report did not survive its own JSON form");
    }

    /// <summary>The text redacted, with any lone surrogate replaced.</summary>
    public static string Clean(string text, SecretRedactor redactor) => WellFormed(redactor.Redact(text));

    private static string WellFormed(string text)
    {
        if (!text.Any(char.IsSurrogate) || IsWellFormed(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(text, i, 2);
                i++;
            }
            else
            {
                builder.Append(char.IsSurrogate(text[i]) ? '\uFFFD' : text[i]);
            }
        }

        return builder.ToString();
    }

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private sealed class RedactingStrings : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString();

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(Clean(value, _current ?? SecretRedactor.None));

        public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString()!;

        public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(Clean(value, _current ?? SecretRedactor.None));
    }
}
