using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Auditor.Evidence.MLflow;

/// <summary>
/// A YAML mapping read tolerantly: MLflow writes ints where strings are expected in old files, quotes
/// numbers-as-strings in new ones, and writes the stage <c>None</c> unquoted (a string, not null).
/// </summary>
internal sealed class YamlMap
{
    private readonly YamlMappingNode _node;

    private YamlMap(YamlMappingNode node) => _node = node;

    /// <summary>Reads a file whose top level is a mapping; throws <see cref="InvalidDataException"/> otherwise.</summary>
    public static YamlMap Load(string path)
    {
        using var reader = new StreamReader(path);
        return From(reader);
    }

    /// <summary>Parses text whose top level is a mapping (a file read elsewhere, for example through a server).</summary>
    public static YamlMap Parse(string text)
    {
        using var reader = new StringReader(text);
        return From(reader);
    }

    private static YamlMap From(TextReader reader)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new InvalidDataException($"invalid YAML at line {e.Start.Line}: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidDataException($"invalid YAML: {e.Message}", e);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode mapping)
        {
            throw new InvalidDataException("expected a YAML mapping, found " + (stream.Documents.Count == 0 ? "an empty file" : "something else"));
        }

        return new YamlMap(mapping);
    }

    public string? String(string key) =>
        _node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar && !IsNull(scalar)
            ? scalar.Value
            : null;

    public long? Long(string key) =>
        long.TryParse(String(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    public int? Int(string key) =>
        int.TryParse(String(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    public DateTimeOffset? Time(string key) =>
        Long(key) is { } ms and > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    /// <summary>A nested mapping, or null when the key is absent or not a mapping.</summary>
    public YamlMap? Map(string key) =>
        _node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlMappingNode mapping ? new YamlMap(mapping) : null;

    /// <summary>Whether the key is present with a non-null value.</summary>
    public bool Has(string key) =>
        _node.Children.TryGetValue(new YamlScalarNode(key), out var value) && !(value is YamlScalarNode scalar && IsNull(scalar));

    /// <summary>The mapping's keys in file order.</summary>
    public IReadOnlyList<string> Keys() => _node.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "").ToList();

    /// <summary>A nested mapping of scalars (for example an input's <c>tags</c>), empty when absent.</summary>
    public IReadOnlyDictionary<string, string> Strings(string key)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (_node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlMappingNode mapping)
        {
            foreach (var (k, v) in mapping.Children)
            {
                if (k is YamlScalarNode { Value: { } name } && v is YamlScalarNode scalar && !IsNull(scalar))
                {
                    result[name] = scalar.Value ?? "";
                }
            }
        }

        return result;
    }

    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";
}
