using System.Text.Json;
using System.Text.Json.Nodes;

namespace Auditor.Rules;

/// <summary>
/// Turns one JSON Schema violation into a sentence naming the key and what is allowed ("unknown key 'minLevl' under
/// 'gate' (did you mean 'minLevel'?)", "'failOn' under 'gate' must be one of: info, low, …"). The allowed values are
/// read from the schema itself: the evaluation path is walked through the schema's JSON, following <c>$ref</c>.
/// </summary>
internal sealed class SchemaMessages(JsonNode schema)
{
    private static readonly Dictionary<string, string> Patterns = new(StringComparer.Ordinal)
    {
        ["^[A-Z][A-Z0-9]*-[0-9]{4}$"] = "a rule id like MLA-0003",
        ["^[0-9]{4}-[0-9]{2}-[0-9]{2}$"] = "a date like 2027-06-30 (yyyy-MM-dd)",
        ["^[a-z0-9]+(-[a-z0-9]+)*$"] = "lower-case words joined by hyphens, like runs-log-params",
        ["^[a-zA-Z][a-zA-Z0-9]*(\\.[a-zA-Z][a-zA-Z0-9]*)+$"] = "a fact name like runs.total (see 'mlaudit rules facts')",
    };

    public string Explain(JsonNode? instance, string evaluationPath, string instancePointer, string keyword, string fallback)
    {
        var path = JsonPointers.Segments(evaluationPath).ToList();
        var at = JsonPointers.Segments(instancePointer);
        var rule = Walk(path) as JsonObject;
        var value = JsonPointers.Find(instance, at);
        var steps = path.Where(s => s != "$ref").ToList();
        if (steps.Count >= 1 && steps[^1] == "additionalProperties" && keyword is "" or "false" && at.Count > 0)
        {
            return UnknownKey(instance, at, Walk(path.Take(path.LastIndexOf("additionalProperties")).ToList()) as JsonObject);
        }

        var name = steps.Count >= 1 && steps[^1] == "propertyNames" && at.Count > 0
            ? $"key '{at[^1]}'{Under(instance, at)}"
            : JsonPointers.Name(instance, at);
        return keyword switch
        {
            "enum" when rule?["enum"] is JsonArray values => $"{name} must be one of: {string.Join(", ", values.Select(Text))}{Closest(value, values)}",
            "const" when rule is not null && rule.ContainsKey("const") => $"{name} must be {Text(rule["const"])}",
            "type" when rule?["type"] is { } type => $"{name} must be {Expected(type)}, not {Actual(value)}",
            "minimum" or "maximum" when rule is not null => $"{name} must be {Range(rule)}",
            "minLength" when rule?["minLength"] is { } min => min.GetValue<int>() <= 1 ? $"{name} must not be empty" : $"{name} must be at least {min} characters long",
            "maxLength" when rule?["maxLength"] is { } max => $"{name} must be at most {max} characters long",
            "pattern" when rule?["pattern"] is { } pattern => $"{name} must be {Patterns.GetValueOrDefault(pattern.GetValue<string>(), $"text matching {pattern}")}",
            "required" when rule?["required"] is JsonArray required => Missing(instance, at, value, required),
            "minItems" or "maxItems" when rule is not null => $"{name} must list {Count(rule, "Items", "item")}",
            "minProperties" or "maxProperties" when rule is not null => $"{name} must have {Count(rule, "Properties", "key")}",
            _ => $"{name}: {fallback}",
        };
    }

    private JsonNode? Walk(IReadOnlyList<string> path)
    {
        var node = schema;
        foreach (var segment in path)
        {
            // An evaluation path may repeat the segment of an applicator ("items/items"): a segment the schema
            // does not hold is skipped rather than losing the way.
            node = segment == "$ref" && node?["$ref"] is JsonValue reference && reference.GetValue<string>() is { } target && target.StartsWith('#')
                ? JsonPointers.Find(schema, JsonPointers.Segments(target[1..]))
                : JsonPointers.Find(node, [segment]) ?? node;
        }

        return node;
    }

    private static string Under(JsonNode? instance, IReadOnlyList<string> at) =>
        at.Count <= 1 ? "" : $" under '{JsonPointers.Display(instance, at.Take(at.Count - 1).ToList())}'";

    private static string UnknownKey(JsonNode? instance, IReadOnlyList<string> at, JsonObject? parent)
    {
        var key = at[^1];
        var allowed = (parent?["properties"] as JsonObject)?.Select(p => p.Key).ToList() ?? [];
        var hint = Suggest(key, allowed) is { } best ? $" (did you mean '{best}'?)"
            : allowed.Count > 0 ? $" (allowed: {string.Join(", ", allowed)})" : "";
        return $"unknown key '{key}'{Under(instance, at)}{hint}";
    }

    private static string Missing(JsonNode? instance, IReadOnlyList<string> at, JsonNode? value, JsonArray required)
    {
        var missing = required.Select(r => r!.GetValue<string>()).Where(r => value is not JsonObject obj || !obj.ContainsKey(r)).ToList();
        var where = at.Count == 0 ? "" : $" under '{JsonPointers.Display(instance, at)}'";
        return $"missing required key{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing.Select(m => $"'{m}'"))}{where}";
    }

    /// <summary>" (did you mean 'high'?)" when a text is a near miss of one allowed value.</summary>
    private static string Closest(JsonNode? value, JsonArray values) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String
        && Suggest(v.GetValue<string>(), values.OfType<JsonValue>().Where(a => a.GetValueKind() == JsonValueKind.String).Select(a => a.GetValue<string>())) is { } best
            ? $" (did you mean '{best}'?)"
            : "";

    /// <summary>The allowed key closest to a mistyped one, when it is close enough to be a typo.</summary>
    internal static string? Suggest(string key, IEnumerable<string> allowed) =>
        allowed.Select(a => (Name: a, Distance: Distance(key.ToLowerInvariant(), a.ToLowerInvariant())))
            .Where(c => c.Distance <= Math.Max(2, key.Length / 4))
            .OrderBy(c => c.Distance)
            .Select(c => c.Name)
            .FirstOrDefault();

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }

        return row[b.Length];
    }

    private static string Range(JsonObject rule)
    {
        var whole = rule["type"] is JsonValue t && t.GetValue<string>() == "integer";
        var kind = whole ? "a whole number" : "a number";
        return (rule["minimum"], rule["maximum"]) switch
        {
            ({ } min, { } max) => $"{kind} from {min.ToJsonString()} to {max.ToJsonString()}",
            ({ } min, null) => $"{kind} of at least {min.ToJsonString()}",
            (null, { } max) => $"{kind} of at most {max.ToJsonString()}",
            _ => kind,
        };
    }

    private static string Count(JsonObject rule, string what, string unit)
    {
        var (min, max) = (rule["min" + what]?.GetValue<int>(), rule["max" + what]?.GetValue<int>());
        string Units(int n) => $"{n} {unit}{(n == 1 ? "" : "s")}";
        return (min, max) switch
        {
            ({ } a, { } b) when a == b => $"exactly {Units(a)}",
            ({ } a, { } b) => $"from {a} to {Units(b)}",
            ({ } a, null) => $"at least {Units(a)}",
            (null, { } b) => $"at most {Units(b)}",
            _ => "another number of " + unit + "s",
        };
    }

    private static string Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : node?.ToJsonString() ?? "null";

    private static string Expected(JsonNode type) =>
        type is JsonArray types
            ? Or(types.Select(t => TypeName(t!.GetValue<string>())).ToList())
            : TypeName(type.GetValue<string>());

    private static string Or(IReadOnlyList<string> items) =>
        items.Count <= 1 ? string.Concat(items) : $"{string.Join(", ", items.Take(items.Count - 1))} or {items[^1]}";

    private static string TypeName(string type) => type switch
    {
        "object" => "a mapping",
        "array" => "a list",
        "string" => "a text",
        "integer" => "a whole number",
        "number" => "a number",
        "boolean" => "true or false",
        "null" => "empty",
        _ => type,
    };

    private static string Short(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static string Actual(JsonNode? value) => value switch
    {
        null => "empty",
        JsonObject => "a mapping",
        JsonArray => "a list",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => $"the text '{Short(v.GetValue<string>())}'",
            JsonValueKind.Number => $"the number {v.ToJsonString()}",
            JsonValueKind.True or JsonValueKind.False => $"the boolean {v.ToJsonString()}",
            _ => v.ToJsonString(),
        },
        _ => value.ToJsonString(),
    };
}
