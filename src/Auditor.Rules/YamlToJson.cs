using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Auditor.Rules;

/// <summary>
/// Converts a YAML node tree to JSON for schema validation, resolving plain scalars with the YAML 1.2 core
/// schema (null, booleans, integers, floats), and remembers the line of every JSON pointer so schema
/// errors can name the line in the YAML file.
/// </summary>
internal sealed class YamlToJson
{
    /// <summary>A rule or configuration file is small; more nodes than this means aliases that expand without bound.</summary>
    public const int MaxNodes = 100_000;

    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);
    private int _nodes;

    public JsonNode? Convert(YamlNode node) => Convert(node, "");

    /// <summary>The YAML line of the closest node at or above a JSON pointer.</summary>
    public int? LineOf(string pointer)
    {
        for (var p = pointer; ; p = p[..p.LastIndexOf('/')])
        {
            if (_lines.TryGetValue(p, out var line))
            {
                return line;
            }

            if (p.Length == 0)
            {
                return null;
            }
        }
    }

    private JsonNode? Convert(YamlNode node, string pointer)
    {
        if (++_nodes > MaxNodes)
        {
            throw new InvalidDataException($"more than {MaxNodes} YAML nodes once aliases are expanded (an alias bomb?)");
        }

        _lines[pointer] = (int)node.Start.Line;
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    var name = (key as YamlScalarNode)?.Value ?? key.ToString();
                    var child = pointer + "/" + name.Replace("~", "~0").Replace("/", "~1");
                    obj[name] = Convert(value, child);
                    _lines[child] = (int)key.Start.Line; // an error about a key's value names the key's line

                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    array.Add(Convert(sequence.Children[i], $"{pointer}/{i}"));
                }

                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                return null;
        }
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer) => JsonValue.Create(integer),
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
            _ => JsonValue.Create(text),
        };
    }
}
