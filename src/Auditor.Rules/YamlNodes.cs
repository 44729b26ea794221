using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Auditor.Rules;

/// <summary>Reads typed values out of YAML nodes, failing with the file and line of the offending node.</summary>
internal sealed class YamlNodes(string file, string? ruleId)
{
    private const string DuplicateKey = "Duplicate key ";

    public string? RuleId { get; set; } = ruleId;

    public RuleFileException Error(YamlNode? node, string problem) =>
        new(file, node is null ? null : (int)node.Start.Line, RuleId, problem);

    public static YamlMappingNode LoadDocument(string file, TextReader reader)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(reader);
        }
        catch (YamlException e) when (e.Message.StartsWith(DuplicateKey, StringComparison.Ordinal))
        {
            throw new RuleFileException(file, (int)e.Start.Line, null, $"duplicate key '{e.Message[DuplicateKey.Length..]}' (a key may appear once in a mapping)");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner can fail this way on an unclosed flow collection followed by more lines.
            throw new RuleFileException(file, null, null, "invalid YAML: the parser stopped; look for an unclosed '[' or '{'");
        }
        catch (YamlException e)
        {
            var message = (e.InnerException?.Message ?? e.Message).ReplaceLineEndings(" ").TrimEnd('.');
            throw new RuleFileException(file, (int)e.Start.Line, null, $"invalid YAML: {message}");
        }

        return stream.Documents switch
        {
            [{ RootNode: YamlMappingNode mapping }] => mapping,
            [{ RootNode: var other }] => throw new RuleFileException(file, (int)other.Start.Line, null,
                $"the file must be a mapping (apiVersion: mlaudit/v1, kind: ...), not {(other is YamlSequenceNode ? "a list" : "a single value")}"),
            _ => throw new RuleFileException(file, null, null, "expected exactly one YAML document holding a mapping"),
        };
    }

    public YamlNode? Optional(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    public YamlNode Required(YamlMappingNode map, string key) =>
        Optional(map, key) ?? throw Error(map, $"missing required key '{key}'");

    public string Text(YamlMappingNode map, string key) =>
        Required(map, key) is YamlScalarNode { Value: { Length: > 0 } value } ? value : throw Error(Optional(map, key), $"'{key}' must be a non-empty text");

    public string? OptionalText(YamlMappingNode map, string key) =>
        Optional(map, key) switch
        {
            null => null,
            YamlScalarNode scalar => scalar.Value,
            var other => throw Error(other, $"'{key}' must be a text"),
        };

    public int Int(YamlMappingNode map, string key, int min, int max)
    {
        var node = Required(map, key);
        return node is YamlScalarNode { Value: { } text } && int.TryParse(text, out var value) && value >= min && value <= max
            ? value
            : throw Error(node, $"'{key}' must be a whole number from {min} to {max}");
    }

    public bool Bool(YamlMappingNode map, string key, bool fallback) =>
        Optional(map, key) switch
        {
            null => fallback,
            YamlScalarNode { Value: "true" } => true,
            YamlScalarNode { Value: "false" } => false,
            var other => throw Error(other, $"'{key}' must be true or false"),
        };

    public YamlMappingNode Mapping(YamlNode node, string what) =>
        node as YamlMappingNode ?? throw Error(node, $"{what} must be a mapping");

    public YamlSequenceNode Sequence(YamlNode node, string what) =>
        node as YamlSequenceNode ?? throw Error(node, $"{what} must be a list");
}
