using System.Globalization;
using System.Text.Json.Nodes;
using Auditor.Core.Rules;

namespace Auditor.Reporting;

/// <summary>
/// One <c>reportingDescriptor</c>: help text and Markdown, the rule's section of the catalogue as <c>helpUri</c>, and for
/// security-category rules the <c>security-severity</c> score code scanning sorts security alerts by.
/// </summary>
internal static class SarifRuleDescriptor
{
    public const string SecurityCategory = "security";

    public static JsonObject Of(Finding finding, SarifOptions options)
    {
        var properties = new JsonObject
        {
            ["tags"] = new JsonArray("mlops", $"level-{finding.Level}", finding.Category),
            ["precision"] = "high",
            ["problem.severity"] = finding.Severity is Severity.Critical or Severity.High ? "error" : finding.Severity == Severity.Medium ? "warning" : "recommendation",
        };
        if (SecuritySeverity(finding) is { } score)
        {
            properties["security-severity"] = score.ToString("0.0", CultureInfo.InvariantCulture);
        }

        var rule = new JsonObject
        {
            ["id"] = finding.RuleId,
            ["name"] = finding.Slug,
            ["shortDescription"] = new JsonObject { ["text"] = finding.Title },
            ["fullDescription"] = new JsonObject { ["text"] = finding.Rationale.Length > 0 ? finding.Rationale : finding.Title },
            ["help"] = new JsonObject
            {
                ["text"] = finding.Remediation.Length > 0 ? finding.Remediation : finding.Title,
                ["markdown"] = $"{finding.Rationale}\n\n**Remediation**\n\n{finding.Remediation}".Trim(),
            },
            ["defaultConfiguration"] = new JsonObject { ["level"] = SarifReportWriter.LevelOf(finding.Severity) },
            ["properties"] = properties,
        };
        if (options.RulesDocumentUri is { } catalogue)
        {
            rule["helpUri"] = $"{catalogue}#{finding.RuleId.ToLowerInvariant()}";
        }

        return rule;
    }

    /// <summary>GitHub's bands: over 9.0 critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low; only security rules get one.</summary>
    public static double? SecuritySeverity(Finding finding) => finding.Category != SecurityCategory ? null : finding.Severity switch
    {
        Severity.Critical => 9.0,
        Severity.High => 7.0,
        Severity.Medium => 5.0,
        Severity.Low => 3.0,
        _ => 0.1,
    };
}
