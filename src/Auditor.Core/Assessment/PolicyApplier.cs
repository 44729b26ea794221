using System.Globalization;
using Auditor.Core.Rules;

namespace Auditor.Core.Assessment;

/// <summary>
/// Applies the operator's policy to the project's configuration before anything in it takes effect: disabled rules
/// and categories, threshold changes, waivers and attestations are each allowed (and listed) or refused (listed, with a
/// problem naming the file). What is refused is taken out, so the rule stays in force as shipped.
/// </summary>
public static class PolicyApplier
{
    public static GovernedConfig Apply(IReadOnlyList<RuleDefinition> rules, ProjectConfig config, AuditPolicy policy, DateOnly today)
    {
        var decisions = new Decisions(config.Source ?? ".mlaudit.yml");
        var byId = rules.ToDictionary(r => r.Id, StringComparer.Ordinal);

        var disabled = config.DisabledRules.Where(id => !byId.TryGetValue(id, out var rule) || Decide(decisions, policy, rule)).ToHashSet(StringComparer.Ordinal);
        var categories = config.DisabledCategories.Where(c => DecideCategory(decisions, policy, c, rules)).ToHashSet(StringComparer.Ordinal);
        var thresholds = config.Thresholds
            .Select(t => (t.Key, Facts: byId.TryGetValue(t.Key, out var rule) ? DecideThresholds(decisions, policy, rule, t.Value) : t.Value))
            .Where(t => t.Facts.Count > 0)
            .ToDictionary(t => t.Key, t => t.Facts, StringComparer.Ordinal);
        var approvals = ApprovalPolicy.Apply(config, policy, byId, today, decisions);

        var governed = config with
        {
            DisabledRules = disabled,
            DisabledCategories = categories,
            Thresholds = thresholds,
            Waivers = approvals.Waivers,
            Attestations = approvals.Attestations,
        };
        return new GovernedConfig(governed, decisions.Allowed, decisions.Refused, decisions.Problems);
    }

    private static bool Decide(Decisions decisions, AuditPolicy policy, RuleDefinition rule)
    {
        if (policy.IsProtected(rule))
        {
            decisions.Refuse(PolicyDecisionKind.DisableRule, rule.Id, $"rules.disable: {rule.Id} is {Protection(rule)}; it stays in force");
            return false;
        }

        decisions.Allow(PolicyDecisionKind.DisableRule, rule.Id, $"'{rule.Title}' is disabled");
        return true;
    }

    private static bool DecideCategory(Decisions decisions, AuditPolicy policy, string category, IReadOnlyList<RuleDefinition> rules)
    {
        var members = rules.Where(r => r.Category == category).Select(r => r.Id).ToList();
        if (policy.IsProtected(category, rules))
        {
            var held = rules.Where(r => r.Category == category && policy.IsProtected(r)).Select(r => r.Id).ToList();
            var why = held.Count > 0 ? $"holds {string.Join(", ", held)}, which the operator's policy protects" : "is protected by the operator's policy";
            decisions.Refuse(PolicyDecisionKind.DisableCategory, category, $"rules.disableCategories: {category} {why}; the category stays in force");
            return false;
        }

        decisions.Allow(PolicyDecisionKind.DisableCategory, category, members.Count == 0 ? "no rule is in this category" : $"disables {string.Join(", ", members)}");
        return true;
    }

    private static IReadOnlyDictionary<string, double> DecideThresholds(Decisions decisions, AuditPolicy policy, RuleDefinition rule, IReadOnlyDictionary<string, double> facts)
    {
        var kept = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (fact, value) in facts)
        {
            var shipped = string.Join("; ", Comparisons(rule.Check).Where(c => c.Fact == fact).Select(c => c.Describe()));
            if (shipped.Length == 0)
            {
                kept[fact] = value;
                continue;
            }

            var number = value.ToString(CultureInfo.InvariantCulture);
            var stricter = ThresholdStrictness.IsNoWeaker(rule.Check, fact, value);
            if (!stricter && policy.IsProtected(rule))
            {
                decisions.Refuse(PolicyDecisionKind.Threshold, rule.Id,
                    $"rules.thresholds: {fact} {number} for {rule.Id} would weaken '{shipped}', and {rule.Id} is {Protection(rule)}; the rule keeps its threshold");
                continue;
            }

            decisions.Allow(PolicyDecisionKind.Threshold, rule.Id, $"{fact} {number} instead of '{shipped}' ({(stricter ? "not weaker" : "weaker")})");
            kept[fact] = value;
        }

        return kept;
    }

    private static string Protection(RuleDefinition rule) =>
        rule.Required ? $"required for level {rule.Level} and protected by the operator's policy" : "protected by the operator's policy";

    private static IEnumerable<CompareCondition> Comparisons(Condition condition)
    {
        var found = new List<CompareCondition>();
        condition.Map(c =>
        {
            found.Add(c);
            return c;
        });
        return found;
    }
}
