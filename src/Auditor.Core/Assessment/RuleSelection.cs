using Auditor.Core.Rules;

namespace Auditor.Core.Assessment;

/// <summary>Applies a configuration's rule choices: disabled rules and categories drop out, thresholds change.</summary>
public static class RuleSelection
{
    public static (IReadOnlyList<RuleDefinition> Rules, IReadOnlyList<string> Problems) Apply(IReadOnlyList<RuleDefinition> rules, ProjectConfig config)
    {
        var source = config.Source ?? ".mlaudit.yml";
        var ids = rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var problems = config.DisabledRules.Concat(config.Thresholds.Keys).Where(id => !ids.Contains(id)).Distinct()
            .Select(id => $"{source}: unknown rule {id} ignored")
            .ToList();

        var selected = new List<RuleDefinition>();
        foreach (var rule in rules.Where(r => !config.DisabledRules.Contains(r.Id) && !config.DisabledCategories.Contains(r.Category)))
        {
            if (!config.Thresholds.TryGetValue(rule.Id, out var thresholds))
            {
                selected.Add(rule);
                continue;
            }

            var compared = rule.Check.FactNames.ToHashSet(StringComparer.Ordinal);
            problems.AddRange(thresholds.Keys.Where(f => !compared.Contains(f)).Select(f => $"{source}: rule {rule.Id} does not compare {f}; threshold ignored"));
            selected.Add(rule with
            {
                Check = rule.Check.Map(c => thresholds.TryGetValue(c.Fact, out var value) ? c with { Expected = FactValue.Of(value) } : c),
            });
        }

        return (selected, problems);
    }
}
