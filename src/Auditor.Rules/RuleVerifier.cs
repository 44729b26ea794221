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
