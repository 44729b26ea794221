using Auditor.Core.Assessment;
using Auditor.Core.Facts;
using Auditor.Core.Rules;
using YamlDotNet.RepresentationModel;

namespace Auditor.Rules;

/// <summary>Turns one rule file (<c>apiVersion: mlaudit/v1</c>, <c>kind: Rule</c>) into a <see cref="RuleDefinition"/>.</summary>
internal static class RuleParser
{
    public const string ApiVersion = "mlaudit/v1";

    /// <summary>The categories in the order of <c>rule.schema.json</c>.</summary>
    public static readonly IReadOnlyList<string> Categories =
    [
        "versioning", "environment", "tracking", "model-management", "data", "testing", "ci-cd", "deployment", "monitoring", "security", "process",
    ];

    public static RuleDefinition Parse(string file, YamlMappingNode root)
    {
        var nodes = new YamlNodes(file, root.Children.TryGetValue(new YamlScalarNode("id"), out var idNode) ? (idNode as YamlScalarNode)?.Value : null);
        var id = nodes.Text(root, "id");
        var category = nodes.Text(root, "category");
        if (!Categories.Contains(category))
        {
            throw nodes.Error(nodes.Optional(root, "category"), $"'category' must be one of: {string.Join(", ", Categories)}");
        }

        var severityText = nodes.Text(root, "severity");
        if (!Enum.TryParse<Severity>(severityText, ignoreCase: true, out var severity) || !char.IsLower(severityText[0]))
        {
            throw nodes.Error(nodes.Optional(root, "severity"), "'severity' must be one of: info, low, medium, high, critical");
        }

        if (nodes.Bool(root, "mustApply", fallback: false) && !nodes.Bool(root, "required", fallback: false))
        {
            throw nodes.Error(nodes.Optional(root, "mustApply"), "'mustApply' needs 'required: true': only a required rule is key evidence of its level");
        }

        var conditions = new ConditionParser(nodes);
        var remediation = nodes.Mapping(nodes.Required(root, "remediation"), "'remediation'");
        return new RuleDefinition
        {
            Id = id,
            Slug = nodes.Text(root, "slug"),
            Title = nodes.Text(root, "title"),
            Level = nodes.Int(root, "level", 1, 4),
            Category = category,
            Severity = severity,
            Required = nodes.Bool(root, "required", fallback: false),
            MustApply = nodes.Bool(root, "mustApply", fallback: false),
            Check = conditions.Parse(nodes.Required(root, "check")),
            ApplicableWhen = nodes.Optional(root, "applicableWhen") is { } applicable ? conditions.Parse(applicable) : null,
            Rationale = nodes.Text(root, "rationale").Trim(),
            Messages = Messages(nodes, root),
            Remediation = nodes.Text(remediation, "text").Trim(),
            RemediationEffort = nodes.Text(remediation, "effort"),
            References = References(nodes, root),
            Examples = Examples(nodes, root),
            Attestation = nodes.Optional(root, "attestation") is { } attestation
                ? new AttestationSpec(nodes.Text(nodes.Mapping(attestation, "'attestation'"), "question"))
                : null,
            Source = file,
        };
    }

    private static RuleMessages Messages(YamlNodes nodes, YamlMappingNode root)
    {
        if (nodes.Optional(root, "messages") is not { } node)
        {
            return new RuleMessages();
        }

        var map = nodes.Mapping(node, "'messages'");
        return new RuleMessages
        {
            Pass = nodes.OptionalText(map, "pass")?.Trim(),
            Fail = nodes.OptionalText(map, "fail")?.Trim(),
            Unknown = nodes.OptionalText(map, "unknown")?.Trim(),
        };
    }

    private static readonly Dictionary<string, string> ReferenceSources = new(StringComparer.Ordinal)
    {
        ["maturityModel"] = "maturity-model",
        ["mlTestScore"] = "ml-test-score",
        ["questionnaire"] = "questionnaire",
        ["other"] = "other",
    };

    private static List<RuleReference> References(YamlNodes nodes, YamlMappingNode root)
    {
        var references = new List<RuleReference>();
        var map = nodes.Mapping(nodes.Required(root, "references"), "'references'");
        foreach (var (key, value) in map.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            var source = ReferenceSources.GetValueOrDefault(name) ?? throw nodes.Error(key, $"unknown reference kind '{name}' ({string.Join(", ", ReferenceSources.Keys)})");
            var texts = value switch
            {
                YamlScalarNode { Value: { } text } => [text],
                YamlSequenceNode list => list.Children.Select(c => (c as YamlScalarNode)?.Value ?? throw nodes.Error(c, "a reference must be a text")).ToList(),
                _ => throw nodes.Error(value, "a reference must be a text or a list of texts"),
            };
            references.AddRange(texts.Select(t => new RuleReference(source, t)));
        }

        return references;
    }

    private static List<RuleExample> Examples(YamlNodes nodes, YamlMappingNode root)
    {
        var examples = new List<RuleExample>();
        var map = nodes.Mapping(nodes.Required(root, "examples"), "'examples'");
        foreach (var (key, expected) in new[] { ("pass", Outcome.Pass), ("fail", Outcome.Fail), ("notApplicable", Outcome.NotApplicable) })
        {
            if (nodes.Optional(map, key) is not { } list)
            {
                if (expected != Outcome.NotApplicable)
                {
                    throw nodes.Error(map, $"'examples' needs at least one '{key}' example");
                }

                continue;
            }

            foreach (var example in nodes.Sequence(list, $"'examples.{key}'").Children)
            {
                var facts = new Dictionary<string, FactValue>(StringComparer.Ordinal);
                AttestationAnswer? attested = null;
                foreach (var (factKey, value) in nodes.Mapping(example, "an example").Children)
                {
                    var fact = (factKey as YamlScalarNode)?.Value ?? "";
                    if (fact == "attested")
                    {
                        attested = (value as YamlScalarNode)?.Value switch
                        {
                            "yes" => AttestationAnswer.Yes,
                            "no" => AttestationAnswer.No,
                            _ => throw nodes.Error(value, "'attested' in an example is yes or no"),
                        };
                        continue;
                    }

                    if (!FactCatalog.IsKnown(fact))
                    {
                        throw nodes.Error(factKey, $"example uses unknown fact '{fact}'");
                    }

                    facts[fact] = ConditionParser.ValueOf(nodes, value);
                }

                examples.Add(new RuleExample(expected, facts) { Attested = attested });
            }
        }

        return examples;
    }
}
