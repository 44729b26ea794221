using System.Text;
using Auditor.Core.Facts;
using Auditor.Core.Rules;

namespace Auditor.Rules;

/// <summary>
/// Documentation generated from the rule files, so it is never written twice: the catalogue in
/// <c>docs/rules.md</c> and the text of <c>mlaudit rules show</c>.
/// </summary>
public static class RuleDocumentation
{
    public static string Catalogue(RuleCatalog catalog)
    {
        var md = new StringBuilder();
        md.AppendLine("# Rule catalogue");
        md.AppendLine();
        md.AppendLine("Generated from `rules/` by `mlaudit rules docs --output docs/rules.md`; do not edit by hand.");
        md.AppendLine();
        md.AppendLine($"{catalog.Rules.Count} rules. A level's criteria are met when every rule marked *required* at that level passes or does not apply (a *must apply* rule must apply) and at least one passes; a level is reached when its criteria and those of every lower level are met. See [levels.md](levels.md).");
        md.AppendLine();
        foreach (var level in catalog.Policy.Levels.Where(l => l.Level > 0).OrderBy(l => l.Level))
        {
            md.AppendLine($"## Level {level.Level}: {level.Name}");
            md.AppendLine();
            md.AppendLine(level.Description);
            md.AppendLine();
            md.AppendLine("| id | rule | category | severity | required |");
            md.AppendLine("|---|---|---|---|---|");
            foreach (var rule in catalog.Rules.Where(r => r.Level == level.Level).OrderBy(r => r.Id, StringComparer.Ordinal))
            {
                md.AppendLine($"| [{rule.Id}](#{rule.Id.ToLowerInvariant()}) | {rule.Title} | {rule.Category} | {Label(rule.Severity)} | {(rule.Required ? rule.MustApply ? "yes, must apply" : "yes" : "no")} |");
            }

            md.AppendLine();
        }

        md.AppendLine("## Rules");
        md.AppendLine();
        foreach (var rule in catalog.Rules.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            md.AppendLine($"### {rule.Id}");
            md.AppendLine();
            md.Append(Describe(rule));
            md.AppendLine();
        }

        md.AppendLine("## Facts");
        md.AppendLine();
        md.AppendLine("The names a rule's `check` and `applicableWhen` may compare.");
        md.AppendLine();
        md.AppendLine("| fact | type | meaning |");
        md.AppendLine("|---|---|---|");
        foreach (var fact in FactCatalog.Descriptors)
        {
            md.AppendLine($"| `{fact.Name}` | {fact.Type} | {fact.Description} |");
        }

        return md.ToString();
    }

    /// <summary>One rule's documentation in Markdown (also what <c>rules show</c> prints).</summary>
    public static string Describe(RuleDefinition rule)
    {
        var md = new StringBuilder();
        md.AppendLine($"**{rule.Title}** (`{rule.Slug}`)");
        md.AppendLine();
        md.AppendLine($"Level {rule.Level} · {rule.Category} · severity {Label(rule.Severity)} · {(rule.Required ? rule.MustApply ? "required for the level, and must apply" : "required for the level" : "not required for the level")}");
        md.AppendLine();
        md.AppendLine($"- Checks: {rule.Check.Describe()}");
        if (rule.ApplicableWhen is { } applicable)
        {
            md.AppendLine($"- Applies when: {applicable.Describe()}");
        }

        if (rule.Messages.Fail is { } fail)
        {
            md.AppendLine($"- Fails as: \"{fail}\"");
        }

        md.AppendLine();
        md.AppendLine($"Why: {rule.Rationale}");
        md.AppendLine();
        md.AppendLine($"How to fix (effort {rule.RemediationEffort}): {rule.Remediation}");
        md.AppendLine();
        if (rule.References.Count > 0)
        {
            md.AppendLine("References:");
            foreach (var reference in rule.References)
            {
                md.AppendLine($"- {reference.Source}: {reference.Text}");
            }
        }

        return md.ToString();
    }

    private static string Label(Severity severity) => severity.ToString().ToLowerInvariant();
}
