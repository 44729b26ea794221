using Auditor.Core.Evidence;

namespace Auditor.Core.Rules;

/// <summary>Judges facts with rules. Does no I/O: every rule can be tested with facts built in memory.</summary>
public static class RuleEvaluator
{
    /// <summary>Evidence items kept per finding, so a report on a 100k-run store stays small.</summary>
    public const int EvidenceCap = 25;

    public static IReadOnlyList<Finding> EvaluateAll(IEnumerable<RuleDefinition> rules, FactSheet facts) =>
        rules.OrderBy(r => r.Level).ThenBy(r => r.Id, StringComparer.Ordinal).Select(r => Evaluate(r, facts)).ToList();

    public static Finding Evaluate(RuleDefinition rule, FactSheet facts)
    {
        try
        {
            return Judge(rule, facts);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return ToFinding(rule, Outcome.Error, $"The rule could not be evaluated: {e.Message}", []);
        }
    }

    private static Finding Judge(RuleDefinition rule, FactSheet facts)
    {
        if (rule.ApplicableWhen is { } applicability)
        {
            var applies = applicability.Evaluate(facts);
            switch (applies.Value)
            {
                case Tri.False:
                    return ToFinding(rule, Outcome.NotApplicable, "Not applicable: " + Join(applies.Observations), []);
                case Tri.Unknown:
                    return ToFinding(rule, Outcome.Unknown, "Unknown: " + Join(applies.UnknownReasons), []);
            }
        }

        var result = rule.Check.Evaluate(facts);
        var evidence = rule.Check.FactNames.Distinct().SelectMany(name => facts.Get(name).Evidence).ToList();
        return result.Value switch
        {
            Tri.True => ToFinding(rule, Outcome.Pass, Join(result.Observations), evidence),
            Tri.False => ToFinding(rule, Outcome.Fail, Join(result.Observations), evidence),
            _ => ToFinding(rule, Outcome.Unknown, "Unknown: " + Join(result.UnknownReasons), evidence),
        };
    }

    private static string Join(IEnumerable<string> lines) => string.Join("; ", lines);

    private static Finding ToFinding(RuleDefinition rule, Outcome outcome, string message, IReadOnlyList<EvidenceRef> evidence) => new()
    {
        RuleId = rule.Id,
        Slug = rule.Slug,
        Title = rule.Title,
        Level = rule.Level,
        Category = rule.Category,
        Severity = rule.Severity,
        Required = rule.Required,
        MustApply = rule.Required && rule.MustApply,
        Outcome = outcome,
        Message = message,
        Evidence = evidence.Take(EvidenceCap).ToList(),
        EvidenceTotal = evidence.Count,
        Rationale = rule.Rationale.Trim(),
        Remediation = rule.Remediation.Trim(),
    };
}
