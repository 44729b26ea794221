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
            var message = $"The rule could not be evaluated: {e.Message}";
            return ToFinding(rule, Outcome.Error, message, message, []);
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
                    var observed = "Not applicable: " + Join(applies.Observations);
                    return ToFinding(rule, Outcome.NotApplicable, observed, observed, []);
                case Tri.Unknown:
                    return Unknown(rule, facts, applies, []);
            }
        }

        var result = rule.Check.Evaluate(facts);
        var evidence = rule.Check.FactNames.Distinct().SelectMany(name => facts.Get(name).Evidence).ToList();
        return result.Value switch
        {
            Tri.True => InWords(rule, Outcome.Pass, rule.Messages.Pass, facts, Join(result.Observations), "", evidence),
            Tri.False => InWords(rule, Outcome.Fail, rule.Messages.Fail, facts, Join(result.Observations), "", evidence),
            _ => Unknown(rule, facts, result, evidence),
        };
    }

    private static Finding Unknown(RuleDefinition rule, FactSheet facts, ConditionResult result, IReadOnlyList<EvidenceRef> evidence)
    {
        var reason = Join(result.UnknownReasons);
        return InWords(rule, Outcome.Unknown, rule.Messages.Unknown, facts, "Unknown: " + reason, reason, evidence);
    }

    /// <summary>The finding with its template filled in as the message, or the expression when the template cannot be.</summary>
    private static Finding InWords(
        RuleDefinition rule, Outcome outcome, string? template, FactSheet facts, string expression, string reason, IReadOnlyList<EvidenceRef> evidence) =>
        ToFinding(rule, outcome, template is null ? expression : MessageTemplate.Render(template, facts, reason, rule.Check) ?? expression, expression, evidence);

    private static string Join(IEnumerable<string> lines) => string.Join("; ", lines);

    private static Finding ToFinding(RuleDefinition rule, Outcome outcome, string message, string expression, IReadOnlyList<EvidenceRef> evidence) => new()
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
        Expression = expression,
        Evidence = evidence.Take(EvidenceCap).ToList(),
        EvidenceTotal = evidence.Count,
        Rationale = rule.Rationale.Trim(),
        Remediation = rule.Remediation.Trim(),
    };
}
