using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Auditor.Evidence.MLflow.Rest;

/// <summary>
/// Tolerant readers over MLflow's protobuf JSON: int64 as numbers (1.22+) or quoted strings (older), doubles
/// NaN/±Infinity as strings, unset and empty fields omitted.
/// </summary>
internal static class RestJson
{
    public static string? Str(this JsonElement e, string name) => e.Str(name, null);

    /// <summary>As <see cref="Str(JsonElement, string)"/>, a string without escapes shared through <paramref name="pool"/>.</summary>
    public static string? Str(this JsonElement e, string name, StringPool? pool) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? Text(v, pool) : null;

    public static long? Long(this JsonElement e, string name) =>
        long.TryParse(e.Str(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    public static DateTimeOffset? Time(this JsonElement e, string name) =>
        e.Long(name) is { } ms and > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    public static double Double(this JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v))
        {
            return double.NaN;
        }

        return v.ValueKind == JsonValueKind.Number ? v.GetDouble()
            : (v.ValueKind == JsonValueKind.String ? v.GetString() : null) switch
            {
                "Infinity" => double.PositiveInfinity,
                "-Infinity" => double.NegativeInfinity,
                { } text when MetricSummaryBuilder.TryParseValue(text, out var parsed) => parsed,
                _ => double.NaN,
            };
    }

    public static IEnumerable<JsonElement> Array(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : [];

    public static JsonElement Object(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : default;

    /// <summary>A list of <c>{key, value}</c> pairs as a dictionary (later keys win, as in MLflow).</summary>
    public static Dictionary<string, string> Pairs(this JsonElement e, string name) => e.Pairs(name, null);

    /// <summary>As <see cref="Pairs(JsonElement, string)"/>, keys and short values shared through <paramref name="pool"/>:
    /// every run repeats the same keys and many of the same values.</summary>
    public static Dictionary<string, string> Pairs(this JsonElement e, string name, StringPool? pool)
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
                    key = Text(property.Value, pool);
                }
                else if (property.NameEquals("value"u8))
                {
                    value = Text(property.Value, pool);
                }
            }

            if (key is not null)
            {
                result[key] = value ?? "";
            }
        }

        return result;
    }

    /// <summary>A field's text as <see cref="Str"/> gives it; a string without escapes found in the pool by its bytes.</summary>
    private static string? Text(JsonElement v, StringPool? pool)
    {
        if (pool is not null && v.ValueKind == JsonValueKind.String)
        {
            var raw = JsonMarshal.GetRawUtf8Value(v);
            if (raw.Length >= 2 && raw[0] == (byte)'"' && raw.IndexOf((byte)'\\') < 0)
            {
                return pool.Get(raw[1..^1]);
            }
        }

        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
    }
}
