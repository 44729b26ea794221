using Auditor.Core.Reporting;
using Auditor.Core.Rules;
using Auditor.Reporting;

namespace Auditor.Cli.Gate;

/// <summary>
/// Decides the gate from the finished report. Pure. With a baseline only findings that newly fail count;
/// <c>--fail-on</c> then narrows them to a minimum severity (without it any newly failing finding fails the gate).
/// </summary>
public static class GateEvaluator
{
    public static GateResult Evaluate(AuditReport report, GateSettings gate)
    {
        var reasons = new List<string>();
        if (gate.MinLevel is { } min && report.Maturity.Level < min)
        {
            reasons.Add($"maturity level {report.Maturity.Level} is below --min-level {min}");
        }

        var failing = report.Findings.Where(f => f.IsFailing()).ToList();
        IReadOnlyList<Finding> regressed = [];
        IReadOnlyList<string> improved = [];
        if (gate.Baseline is { } baseline)
        {
            regressed = failing.Where(f => !WasFailing(baseline, f.RuleId)).ToList();
            var failingNow = failing.Select(f => f.RuleId).ToHashSet(StringComparer.Ordinal);
            improved = baseline.Outcomes.Where(o => IsFailing(o.Value) && !failingNow.Contains(o.Key))
                .Select(o => $"{o.Key} ({o.Value} -> {Now(report, o.Key)})").Order(StringComparer.Ordinal).ToList();
        }

        var candidates = gate.Baseline is null ? failing : regressed;
        if (gate.FailOn is { } threshold)
        {
            var offending = candidates.Where(f => f.Severity >= threshold).ToList();
            if (offending.Count > 0)
            {
                var which = gate.Baseline is null ? "failing" : "newly failing";
                reasons.Add($"{offending.Count} {which} finding(s) at severity {Labels.Of(threshold)} or above: {string.Join(", ", offending.Select(f => f.RuleId))}");
            }
        }
        else if (gate.Baseline is not null && regressed.Count > 0)
        {
            reasons.Add($"{regressed.Count} finding(s) newly failing against the baseline: {string.Join(", ", regressed.Select(f => f.RuleId))}");
        }

        return new GateResult
        {
            Passed = reasons.Count == 0,
            Reasons = reasons,
            Improved = improved,
            Regressed = regressed.Select(f => $"{f.RuleId} ({Was(gate.Baseline!, f.RuleId)} -> {Labels.Of(f.Outcome)})").ToList(),
        };
    }

    private static bool IsFailing(string outcome) => outcome is "fail" or "error";

    private static bool WasFailing(Baseline baseline, string ruleId) => baseline.Outcomes.TryGetValue(ruleId, out var o) && IsFailing(o);

    private static string Was(Baseline baseline, string ruleId) => baseline.Outcomes.GetValueOrDefault(ruleId) ?? "absent";

    private static string Now(AuditReport report, string ruleId) =>
        report.Findings.FirstOrDefault(f => f.RuleId == ruleId) is { } f ? Labels.Of(f.Outcome) : "absent";
}
