using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Auditor.Core.Reporting;
using Auditor.Core.Rules;

namespace Auditor.Reporting;

/// <summary>
/// JUnit XML for CI test tabs: one test case per rule, one test suite per maturity level; failing rules are failures
/// (errors for rules that could not be evaluated) with message and remediation; not-applicable and unknown are skipped.
/// </summary>
public static class JUnitReportWriter
{
    public static string Serialize(AuditReport report)
    {
        var suites = report.Findings.GroupBy(f => f.Level).OrderBy(g => g.Key).Select(g => Suite(report, g.Key, g.ToList())).ToList();
        var root = new XElement("testsuites",
            new XAttribute("name", $"mlaudit {report.Subject.Path}"),
            Counts(report.Findings),
            suites);
        var builder = new StringBuilder();
        using (var writer = XmlWriter.Create(builder, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8, OmitXmlDeclaration = true }))
        {
            new XDocument(root).Save(writer);
        }

        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + builder.ToString().ReplaceLineEndings("\n") + "\n";
    }

    private static XElement Suite(AuditReport report, int level, IReadOnlyList<Finding> findings)
    {
        var name = report.Maturity.Levels.FirstOrDefault(l => l.Level == level)?.Name ?? "";
        return new XElement("testsuite",
            new XAttribute("name", $"Level {level} - {name}"),
            Counts(findings),
            new XAttribute("timestamp", report.GeneratedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
            Properties(report.Policy),
            findings.Select(Case));
    }

    /// <summary>
    /// The policy as each suite's properties (JUnit has no properties for the whole run): its source and file, then one <c>policy.allowed</c> or <c>policy.refused</c> property per
    /// weakening (value: kind, subject and detail).
    /// </summary>
    private static XElement Properties(PolicySummary policy)
    {
        var properties = new XElement("properties",
            new XElement("property", new XAttribute("name", "policy.source"), new XAttribute("value", policy.Source)));
        if (policy.File is { } file)
        {
            properties.Add(new XElement("property", new XAttribute("name", "policy.file"), new XAttribute("value", Clean(file))));
        }

        foreach (var (state, d) in policy.Allowed.Select(d => ("allowed", d)).Concat(policy.Refused.Select(d => ("refused", d))))
        {
            properties.Add(new XElement("property", new XAttribute("name", $"policy.{state}"), new XAttribute("value", Clean($"{Labels.Of(d.Kind)} {d.Subject}: {d.Detail}"))));
        }

        return properties;
    }

    private static object[] Counts(IReadOnlyCollection<Finding> findings) =>
    [
        new XAttribute("tests", findings.Count),
        new XAttribute("failures", findings.Count(f => f.Outcome == Outcome.Fail && !f.IsWaived)),
        new XAttribute("errors", findings.Count(f => f.Outcome == Outcome.Error && !f.IsWaived)),
        new XAttribute("skipped", findings.Count(f => f.Outcome is Outcome.NotApplicable or Outcome.Unknown || f.IsWaived)),
    ];

    private static XElement Case(Finding finding)
    {
        var element = new XElement("testcase",
            new XAttribute("classname", $"mlaudit.level{finding.Level}.{finding.Category}"),
            new XAttribute("name", $"{finding.RuleId} {finding.Title}"));
        var body = finding.Remediation.Length == 0 ? finding.Message : $"{finding.Message}\n\nRemediation:\n{finding.Remediation}";
        if (finding.IsWaived)
        {
            var waiver = finding.Waiver!;
            element.Add(new XElement("skipped", new XAttribute("message",
                Clean($"waived ({Labels.Of(waiver.Reason)}, owner {waiver.Owner}, until {waiver.Expires:yyyy-MM-dd}): {finding.Message}"))));
            return element;
        }

        switch (finding.Outcome)
        {
            case Outcome.Fail:
                element.Add(new XElement("failure", new XAttribute("message", Clean(finding.Message)), new XAttribute("type", Labels.Of(finding.Severity)), Clean(body)));
                break;
            case Outcome.Error:
                element.Add(new XElement("error", new XAttribute("message", Clean(finding.Message)), new XAttribute("type", "error"), Clean(body)));
                break;
            case Outcome.NotApplicable or Outcome.Unknown:
                element.Add(new XElement("skipped", new XAttribute("message", $"{Labels.Of(finding.Outcome)}: {Clean(finding.Message)}")));
                break;
        }

        return element;
    }

    /// <summary>XML 1.0 cannot hold most control characters even escaped; show them instead.</summary>
    private static string Clean(string text) =>
        text.Any(c => char.IsControl(c) && c is not ('\n' or '\t')) ? TerminalText.Clean(text.Replace("\r\n", "\n")).Replace("\\n", "\n") : text;
}
