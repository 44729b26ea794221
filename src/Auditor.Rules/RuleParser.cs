using Auditor.Core.Rules;
using YamlDotNet.RepresentationModel;

namespace Auditor.Rules;

/// <summary>Turns one rule file (<c>apiVersion: mlaudit/v1</c>, <c>kind: Rule</c>) into a <see cref="RuleDefinition"/>.</summary>
internal static class RuleParser
{
    public const string ApiVersion = "mlaudit/v1";

    public static readonly IReadOnlySet<string> Categories = new HashSet<string>(StringComparer.Ordinal)
    {
        "versioning", "environment", "tracking", "model-management", "data", "testing", "ci-cd", "deployment", "monitoring", "security", "process",
    };

    public static RuleDefinition Parse(string file, YamlMappingNode root)
    {
        var nodes = new YamlNodes(file, root.Children.TryGetValue(new YamlScalarNode("id"), out var idNode) ? (idNode as YamlScalarNode)?.Value : null);
        var id = nodes.Text(root, "id");
        var category = nodes.Text(root, "category");
        if (!Categories.Contains(category))
        {
            throw nodes.Error(nodes.Optional(root, "category"), $"unknown category '{category}' (one of {string.Join(", ", Categories.Order())})");
        }

        var severityText = nodes.Text(root, "severity");
        if (!Enum.TryParse<Severity>(severityText, ignoreCase: true, out var severity) || !char.IsLower(severityText[0]))
        {
            throw nodes.Error(nodes.Optional(root, "severity"), $"unknown severity '{severityText}' (info, low, medium, high or critical)");
        }

        var conditions = new ConditionParser(nodes);
        return new RuleDefinition
        {
            Id = id,
            Slug = nodes.Text(root, "slug"),
            Title = nodes.Text(root, "title"),
            Level = nodes.Int(root, "level", 1, 4),
            Category = category,
            Severity = severity,
            Required = nodes.Bool(root, "required", fallback: false),
            Check = conditions.Parse(nodes.Required(root, "check")),
            ApplicableWhen = nodes.Optional(root, "applicableWhen") is { } applicable ? conditions.Parse(applicable) : null,
            Rationale = nodes.Text(root, "rationale").Trim(),
            Remediation = nodes.Text(root, "remediation").Trim(),
            References = References(nodes, root),
            Source = file,
        };
    }

    private static List<string> References(YamlNodes nodes, YamlMappingNode root)
    {
        if (nodes.Optional(root, "references") is not { } node)
        {
            return [];
        }

        return nodes.Sequence(node, "'references'").Children
            .Select(c => c is YamlScalarNode { Value: { } text } ? text : throw nodes.Error(c, "each reference must be a text"))
            .ToList();
    }
}
