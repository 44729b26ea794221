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
            for (var i = 0; i < rule.Examples.Count; i++)
            {
                var example = rule.Examples[i];
                var finding = RuleEvaluator.Evaluate(rule, example.ToFactSheet());
                if (finding.Outcome != example.Expected)
                {
                    problems.Add($"{rule.Source}: rule {rule.Id}: {Name(example.Expected)} example {i + 1} gave {Name(finding.Outcome)} ({finding.Message})");
                }
            }
        }

        return problems;
    }

    private static string Name(Outcome outcome) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(outcome.ToString());
}
