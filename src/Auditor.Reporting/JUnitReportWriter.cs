using System.Globalization;
using System.Xml.Linq;
using Auditor.Core.Reporting;
using Auditor.Core.Rules;

namespace Auditor.Reporting;

/// <summary>
/// JUnit XML for CI test tabs: one test case per rule, one test suite per maturity level; failing rules are failures
/// (errors for rules that could not be evaluated) with message and remediation; not-applicable and unknown are skipped.
/// Every attribute and text is passed through <see cref="XmlText.Clean"/> before the document is written, so no
/// value can hold a character XML 1.0 forbids.
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
        return XmlText.Serialize(new XDocument(root));
    }

    private static XElement Suite(AuditReport report, int level, IReadOnlyList<Finding> findings)
    {
        var name = report.Maturity.Levels.FirstOrDefault(l => l.Level == level)?.Name ?? "";
        return new XElement("testsuite",
            new XAttribute("name", $"Level {level} - {name}"),
            Counts(findings),
            new XAttribute("timestamp", report.GeneratedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
            findings.Select(Case));
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
                string.Create(CultureInfo.InvariantCulture, $"waived ({Labels.Of(waiver.Reason)}, owner {waiver.Owner}, until {waiver.Expires:yyyy-MM-dd}): {finding.Message}"))));
            return element;
        }

        switch (finding.Outcome)
        {
            case Outcome.Fail:
                element.Add(new XElement("failure", new XAttribute("message", finding.Message), new XAttribute("type", Labels.Of(finding.Severity)), body));
                break;
            case Outcome.Error:
                element.Add(new XElement("error", new XAttribute("message", finding.Message), new XAttribute("type", "error"), body));
                break;
            case Outcome.NotApplicable or Outcome.Unknown:
                element.Add(new XElement("skipped", new XAttribute("message", $"{Labels.Of(finding.Outcome)}: {finding.Message}")));
                break;
        }

        return element;
    }

    /// <summary>One value made XML-safe now (<see cref="XmlText.Serialize"/> cleans the whole document again when it is written).</summary>
    private static string Clean(string text) => XmlText.Clean(text);
}
