using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Auditor.Core.Reporting;

namespace Auditor.Reporting;

/// <summary>
/// Writes the report as JSON, the public contract: camelCase fields, kebab-case enum values. The default
/// encoder escapes &lt;, &gt;, &amp; and quotes, so the JSON is safe to embed in a page too.
/// </summary>
public static class JsonReportWriter
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Default,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Serialize(AuditReport report) => JsonSerializer.Serialize(report, Options);

    public static AuditReport? Deserialize(string json) => JsonSerializer.Deserialize<AuditReport>(json, Options);
}
