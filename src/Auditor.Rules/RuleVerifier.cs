using Auditor.Core.Assessment;
using Auditor.Core.Rules;

namespace Auditor.Rules;

/// <summary>Evaluates every rule's examples: each must give the outcome it is listed under.</summary>
public static class RuleVerifier
{
    /// <summary>One line per example that did not give its expected outcome; empty when all hold.</summary>
    public static IReadOnlyList<string> Verify(IEnumerable<RuleDefinition> rules)
    {
        var problems = new List<string>();
        foreach (var rule in rules)
        {
            problems.AddRange(TemplateProblems(rule));
            for (var i = 0; i < rule.Examples.Count; i++)
            {
                var example = rule.Examples[i];
                var finding = Judge(rule, example);
                if (finding.Outcome != example.Expected)
                {
                    problems.Add($"{rule.Source}: rule {rule.Id}: {Name(example.Expected)} example {i + 1} gave {Name(finding.Outcome)} ({finding.Message})");
                }
            }
        }

        return problems;
    }

    /// <summary>Placeholders that name a fact the rule does not read, or a format that does not exist.</summary>
    private static IEnumerable<string> TemplateProblems(RuleDefinition rule)
    {
        var used = rule.Check.FactNames.Concat(rule.ApplicableWhen?.FactNames ?? []).ToHashSet(StringComparer.Ordinal);
        foreach (var template in rule.Messages.All)
        {
            foreach (var (facts, format) in MessageTemplate.Placeholders(template))
            {
                foreach (var fact in facts.Where(f => f != MessageTemplate.Reason && f != MessageTemplate.Expected && !used.Contains(f)))
                {
                    yield return $"{rule.Source}: rule {rule.Id}: message template names '{fact}', which the rule does not read (it reads {Listed(used)})";
                }

                if (format is not null && !MessageTemplate.Formats.Contains(format))
                {
                    yield return $"{rule.Source}: rule {rule.Id}: message template format '{format}' is not one of: {string.Join(", ", MessageTemplate.Formats)}";
                }
            }
        }
    }

    private static string Listed(IReadOnlySet<string> facts) => facts.Count == 0 ? "no fact" : string.Join(", ", facts.Order(StringComparer.Ordinal));

    /// <summary>The rule's outcome on the example's facts, with the example's attestation applied when it has one.</summary>
    private static Finding Judge(RuleDefinition rule, RuleExample example)
    {
        var finding = RuleEvaluator.Evaluate(rule, example.ToFactSheet());
        if (example.Attested is not { } answer)
        {
            return finding;
        }

        var day = new DateOnly(2000, 1, 1);
        var config = new ProjectConfig
        {
            Attestations = [new Attestation { RuleId = rule.Id, Answer = answer, Owner = "example", Date = day, Expires = day.AddYears(1) }],
        };
        return AssessmentApplier.Apply([rule], [finding], config, day).Findings[0];
    }

    private static string Name(Outcome outcome) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(outcome.ToString());
}
