using System.Text.Json.Nodes;

namespace Auditor.Rules;

/// <summary>JSON pointers (RFC 6901) over <see cref="JsonNode"/> trees, and how a pointer into a YAML file reads to a person.</summary>
internal static class JsonPointers
{
    public static IReadOnlyList<string> Segments(string pointer) =>
        pointer.Length == 0 ? [] : pointer[1..].Split('/').Select(s => s.Replace("~1", "/").Replace("~0", "~")).ToList();

    public static string Join(IEnumerable<string> segments) =>
        string.Concat(segments.Select(s => "/" + s.Replace("~", "~0").Replace("/", "~1")));

    /// <summary>The node at <paramref name="segments"/> below <paramref name="root"/>, or null when there is none.</summary>
    public static JsonNode? Find(JsonNode? root, IEnumerable<string> segments)
    {
        var node = root;
        foreach (var segment in segments)
        {
            node = node switch
            {
                JsonObject obj => obj.TryGetPropertyValue(segment, out var child) ? child : null,
                JsonArray array when int.TryParse(segment, out var i) && i >= 0 && i < array.Count => array[i],
                _ => null,
            };
        }

        return node;
    }

    /// <summary>"gate", "waivers[0]", "rules.thresholds": the path of a node as the YAML file reads.</summary>
    public static string Display(JsonNode? root, IReadOnlyList<string> segments)
    {
        var text = "";
        for (var i = 0; i < segments.Count; i++)
        {
            var inArray = Find(root, segments.Take(i)) is JsonArray;
            text += inArray ? $"[{segments[i]}]" : (text.Length == 0 ? segments[i] : "." + segments[i]);
        }

        return text;
    }

    /// <summary>"'minLevel' under 'gate'", "'owner' under 'waivers[0]'", "'kind'": a key named for a person.</summary>
    public static string Name(JsonNode? root, IReadOnlyList<string> segments)
    {
        if (segments.Count == 0)
        {
            return "the file";
        }

        // The key is the last property name with any list indexes after it ("disable[1]"); its parent the rest.
        var start = segments.Count - 1;
        while (start > 0 && Find(root, segments.Take(start)) is JsonArray)
        {
            start--;
        }

        var parent = Display(root, segments.Take(start).ToList());
        var key = Display(root, segments)[(parent.Length == 0 ? 0 : parent.Length + 1)..];
        return parent.Length == 0 ? $"'{key}'" : $"'{key}' under '{parent}'";
    }
}
