using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Auditor.Testing;
using Json.Schema;

namespace Auditor.Rules.Tests;

/// <summary>
/// The schemas are what editors complete from: every key has one description and examples that the key's own
/// schema accepts, each schema has one description, and its <c>$id</c> is its raw URL in the repository.
/// </summary>
public sealed class SchemaDocumentationTests
{
    private const string RawBase = "https://raw.githubusercontent.com/mlaudit/mlaudit/main/rules/";

    public static TheoryData<string> Schemas => new() { "config.schema.json", "rule.schema.json", "policy.schema.json" };

    [Theory]
    [MemberData(nameof(Schemas))]
    public void Every_key_has_a_description_and_examples(string name)
    {
        var root = Load(name);
        var keys = Keys(root, "").ToList();
        var rootKeys = (root["properties"] as JsonObject)!.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(keys);
        foreach (var (pointer, key, schema) in keys)
        {
            if (pointer.StartsWith("/$defs/", StringComparison.Ordinal) && rootKeys.Contains(key))
            {
                // apiVersion and kind are described once, at the top; the branch repeating them must not add a second text.
                Assert.False(schema.ContainsKey("description"), $"{name}{pointer}: described at the top already");
                continue;
            }

            Assert.True(schema["description"] is JsonValue d && d.GetValue<string>().Length >= 10, $"{name}{pointer}: no description");
            Assert.True(schema["examples"] is JsonArray { Count: > 0 }, $"{name}{pointer}: no examples");
        }
    }

    [Theory]
    [MemberData(nameof(Schemas))]
    public void Every_example_is_valid_for_its_key(string name)
    {
        var root = Load(name);
        var options = new EvaluationOptions();
        options.SchemaRegistry.Register(JsonSchema.FromText(File.ReadAllText(Path.Combine(TestPaths.Rules, name))));
        var checkedExamples = 0;
        foreach (var (pointer, _, schema) in Keys(root, ""))
        {
            var keySchema = JsonSchema.FromText(new JsonObject { ["$ref"] = $"{RawBase}{name}#{pointer}" }.ToJsonString());
            foreach (var example in schema["examples"] as JsonArray ?? [])
            {
                var result = keySchema.Evaluate(example, options);
                Assert.True(result.IsValid, $"{name}{pointer}: example {example?.ToJsonString()} does not validate");
                checkedExamples++;
            }
        }

        Assert.True(checkedExamples >= 10, $"{name}: only {checkedExamples} examples");
    }

    [Theory]
    [MemberData(nameof(Schemas))]
    public void The_schema_has_one_description_and_an_id_that_is_its_raw_url(string name)
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.Rules, name));
        var root = Load(name);

        Assert.Equal(RawBase + name, root["$id"]!.GetValue<string>());
        Assert.True(root["description"] is JsonValue { } d && d.GetValue<string>().Length > 20);
        Assert.True(root["title"] is JsonValue);
        Assert.Empty(DuplicateKeys(text));
    }

    [Fact]
    public void The_categories_the_parser_names_are_the_schema_enum_in_order()
    {
        var categories = Load("rule.schema.json")["$defs"]!["rule"]!["properties"]!["category"]!["enum"]!.AsArray().Select(c => c!.GetValue<string>());

        Assert.Equal(categories, RuleParser.Categories);
    }

    [Fact]
    public void A_duplicate_key_in_a_schema_object_is_found()
    {
        Assert.Equal(["/a: description"], DuplicateKeys("""{"a": {"description": "one", "description": "two"}}"""));
    }

    private static JsonObject Load(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(TestPaths.Rules, name)))!.AsObject();

    /// <summary>Every key a file may hold: the entries of every <c>properties</c> outside an <c>if</c>.</summary>
    private static IEnumerable<(string Pointer, string Key, JsonObject Schema)> Keys(JsonNode? node, string pointer)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    var at = $"{pointer}/{name.Replace("~", "~0").Replace("/", "~1")}";
                    if (name == "if")
                    {
                        continue;
                    }

                    if (name == "properties" && child is JsonObject properties)
                    {
                        foreach (var (key, schema) in properties)
                        {
                            yield return ($"{at}/{key}", key, schema!.AsObject());
                        }
                    }

                    foreach (var inner in Keys(child, at))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var inner in Keys(array[i], $"{pointer}/{i}"))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }

    /// <summary>Keys that appear twice in one JSON object (System.Text.Json's DOM keeps only one of them).</summary>
    private static List<string> DuplicateKeys(string json)
    {
        var found = new List<string>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        var scopes = new Stack<(HashSet<string> Keys, string Path)>();
        var path = "";
        string? lastKey = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    path = lastKey is null ? path : $"{path}/{lastKey}";
                    scopes.Push((new HashSet<string>(StringComparer.Ordinal), path));
                    lastKey = null;
                    break;
                case JsonTokenType.EndObject:
                    scopes.Pop();
                    path = scopes.Count > 0 ? scopes.Peek().Path : "";
                    lastKey = null;
                    break;
                case JsonTokenType.PropertyName:
                    lastKey = reader.GetString()!;
                    if (!scopes.Peek().Keys.Add(lastKey))
                    {
                        found.Add($"{scopes.Peek().Path}: {lastKey}");
                    }

                    break;
                case JsonTokenType.StartArray:
                    lastKey = null;
                    break;
                default:
                    lastKey = null;
                    break;
            }
        }

        return found;
    }
}
