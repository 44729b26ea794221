using System.Globalization;
using System.Text.Json;

namespace Auditor.Core.Tracking;

/// <summary>One prompt version named by an <c>mlflow.linkedPrompts</c> tag (a JSON list of <c>{"name", "version"}</c>).</summary>
public sealed record PromptRef(string Name, int Version)
{
    public override string ToString() => Name + "/" + Version.ToString(CultureInfo.InvariantCulture);

    /// <summary>The links in a tag value; none when it is missing or not the JSON list MLflow writes.</summary>
    public static IReadOnlyList<PromptRef> Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            var links = new List<PromptRef>();
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object
                    && item.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
                    && item.TryGetProperty("version", out var version) && Number(version) is { } number)
                {
                    links.Add(new PromptRef(name.GetString()!, number));
                }
            }

            return links;
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static int? Number(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt32(out var n) => n,
        JsonValueKind.String when int.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };
}
