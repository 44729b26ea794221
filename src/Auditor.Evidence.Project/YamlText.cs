using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Auditor.Evidence.Project;

/// <summary>YAML loading and navigation with line numbers (YamlDotNet's representation model).</summary>
internal static class YamlText
{
    /// <summary>The documents of <paramref name="text"/>, or null with the parse error in <paramref name="problem"/>.</summary>
    public static IReadOnlyList<YamlNode>? Load(string text, out string? problem)
    {
        problem = null;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Select(d => d.RootNode).ToList();
        }
        catch (YamlException e)
        {
            problem = $"line {e.Start.Line}: {e.Message}";
            return null;
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet reports some truncated documents this way, without a position.
            problem = $"line ?: not valid YAML ({e.Message})";
            return null;
        }
    }

    public static YamlNode? Get(this YamlNode? node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static string? Scalar(this YamlNode? node) => (node as YamlScalarNode)?.Value;

    public static IEnumerable<YamlNode> Items(this YamlNode? node) =>
        node is YamlSequenceNode sequence ? sequence.Children : [];

    public static IEnumerable<KeyValuePair<string, YamlNode>> Entries(this YamlNode? node) =>
        node is YamlMappingNode mapping
            ? mapping.Children.Where(c => c.Key is YamlScalarNode { Value: not null }).Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, c.Value))
            : [];

    public static int Line(this YamlNode node) => (int)node.Start.Line;

    /// <summary>Every scalar below <paramref name="node"/>, depth first.</summary>
    public static IEnumerable<YamlScalarNode> Scalars(this YamlNode? node) => node switch
    {
        YamlScalarNode scalar => [scalar],
        YamlSequenceNode sequence => sequence.Children.SelectMany(Scalars),
        YamlMappingNode mapping => mapping.Children.SelectMany(c => Scalars(c.Key).Concat(Scalars(c.Value))),
        _ => [],
    };
}
