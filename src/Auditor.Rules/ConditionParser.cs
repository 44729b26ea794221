using System.Globalization;
using Auditor.Core.Facts;
using Auditor.Core.Rules;
using YamlDotNet.RepresentationModel;

namespace Auditor.Rules;

/// <summary>
/// Parses a check: <c>{ all: [...] }</c>, <c>{ any: [...] }</c>, <c>{ not: {...} }</c>, or a comparison
/// <c>{ fact: NAME, atLeast: 0.9 }</c> with one of equalTo, notEqualTo, atLeast, atMost, above, below.
/// Facts must be ones <see cref="FactCatalog"/> provides.
/// </summary>
internal sealed class ConditionParser(YamlNodes nodes)
{
    private static readonly Dictionary<string, ComparisonOperator> Operators = new(StringComparer.Ordinal)
    {
        ["equalTo"] = ComparisonOperator.EqualTo,
        ["notEqualTo"] = ComparisonOperator.NotEqualTo,
        ["atLeast"] = ComparisonOperator.AtLeast,
        ["atMost"] = ComparisonOperator.AtMost,
        ["above"] = ComparisonOperator.Above,
        ["below"] = ComparisonOperator.Below,
    };

    public Condition Parse(YamlNode node)
    {
        var map = nodes.Mapping(node, "a condition");
        if (nodes.Optional(map, "all") is { } all)
        {
            return new AllCondition(Parts(all, "all"));
        }

        if (nodes.Optional(map, "any") is { } any)
        {
            return new AnyCondition(Parts(any, "any"));
        }

        if (nodes.Optional(map, "not") is { } not)
        {
            return new NotCondition(Parse(not));
        }

        if (nodes.Optional(map, "attestation") is { } attestation)
        {
            return attestation is YamlScalarNode { Value: "true" }
                ? new AttestationCondition()
                : throw nodes.Error(attestation, "'attestation' takes the value true");
        }

        return Comparison(map);
    }

    private List<Condition> Parts(YamlNode node, string key)
    {
        var sequence = nodes.Sequence(node, $"'{key}'");
        return sequence.Children.Count == 0
            ? throw nodes.Error(node, $"'{key}' needs at least one condition")
            : sequence.Children.Select(Parse).ToList();
    }

    private CompareCondition Comparison(YamlMappingNode map)
    {
        var factNode = nodes.Optional(map, "fact") ?? throw nodes.Error(map, "a condition needs 'all', 'any', 'not', 'attestation' or 'fact'");
        var fact = factNode is YamlScalarNode { Value: { } name } ? name : throw nodes.Error(factNode, "'fact' must be a fact name");
        if (!FactCatalog.IsKnown(fact))
        {
            throw nodes.Error(factNode, $"unknown fact '{fact}' (see 'mlaudit rules facts' for the list)");
        }

        var operators = map.Children.Where(c => c.Key is YamlScalarNode { Value: { } k } && k != "fact").ToList();
        if (operators.Count != 1 || operators[0].Key is not YamlScalarNode { Value: { } op } || !Operators.TryGetValue(op, out var comparison))
        {
            throw nodes.Error(map, $"a comparison of '{fact}' needs exactly one of {string.Join(", ", Operators.Keys)}");
        }

        return new CompareCondition(fact, comparison, ValueOf(nodes, operators[0].Value));
    }

    public static FactValue ValueOf(YamlNodes nodes, YamlNode node) =>
        node switch
        {
            YamlScalarNode { Value: "true" } => FactValue.Of(true),
            YamlScalarNode { Value: "false" } => FactValue.Of(false),
            YamlScalarNode { Value: { } text } when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => FactValue.Of(number),
            YamlScalarNode { Value: { } text } => FactValue.Of(text),
            _ => throw nodes.Error(node, "a comparison value must be a number, true/false or a text"),
        };
}
