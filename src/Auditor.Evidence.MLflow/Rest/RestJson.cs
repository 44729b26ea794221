using System.Globalization;
using System.Text.Json;

namespace Auditor.Evidence.MLflow.Rest;

/// <summary>
/// Tolerant readers over MLflow's protobuf JSON: int64 as numbers (1.22+) or quoted strings (older), doubles
/// NaN/±Infinity as strings, unset and empty fields omitted.
/// </summary>
internal static class RestJson
{
    public static string? Str(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? Text(v) : null;

    public static long? Long(this JsonElement e, string name) =>
        long.TryParse(e.Str(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    public static DateTimeOffset? Time(this JsonElement e, string name) => TimeOf(e.Str(name));

    /// <summary>An int64 of milliseconds since the epoch, given as its text; no time unless it is positive.</summary>
    public static DateTimeOffset? TimeOf(string? text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) && ms > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    public static double Double(this JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v))
        {
            return double.NaN;
        }

        return v.ValueKind == JsonValueKind.Number ? v.GetDouble() : DoubleOf(v.ValueKind == JsonValueKind.String ? v.GetString() : null);
    }

    /// <summary>A double sent as a string (NaN, Infinity, -Infinity, or text the metric parser reads); NaN for anything else.</summary>
    public static double DoubleOf(string? text) => text switch
    {
        "Infinity" => double.PositiveInfinity,
        "-Infinity" => double.NegativeInfinity,
        { } value when MetricSummaryBuilder.TryParseValue(value, out var parsed) => parsed,
        _ => double.NaN,
    };

    public static IEnumerable<JsonElement> Array(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : [];

    public static JsonElement Object(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : default;

    /// <summary>A list of <c>{key, value}</c> pairs as a dictionary (later keys win, as in MLflow).</summary>
    public static Dictionary<string, string> Pairs(this JsonElement e, string name)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in e.Array(name))
        {
            if (pair.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            string? key = null;
            string? value = null;
            foreach (var property in pair.EnumerateObject())
            {
                if (property.NameEquals("key"u8))
                {
                    key = Text(property.Value);
                }
                else if (property.NameEquals("value"u8))
                {
                    value = Text(property.Value);
                }
            }

            if (key is not null)
            {
                result[key] = value ?? "";
            }
        }

        return result;
    }

    /// <summary>A field's text: a string, a number's text, <c>true</c>/<c>false</c>, else null.</summary>
    private static string? Text(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Number => v.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };
}
