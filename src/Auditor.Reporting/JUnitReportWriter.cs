using System.Globalization;
using System.Xml.Linq;
using Auditor.Core.Reporting;
using Auditor.Core.Rules;
using Auditor.Core.Scoring;

namespace Auditor.Reporting;

/// <summary>
/// JUnit XML for CI test tabs: one test suite per maturity level, with a "level N reached" case and one case per rule; failing rules are failures
/// (errors for rules that could not be evaluated) with message and remediation; not-applicable and unknown are skipped.
/// Every attribute and text is passed through <see cref="XmlText.Clean"/> before the document is written, so no
/// value can hold a character XML 1.0 forbids. The document validates against Jenkins' JUnit schema (xunit-plugin
/// <c>junit-10.xsd</c>, after Ant and Surefire): <c>time</c> on every case and suite (rules take no measurable time: 0),
/// suite timestamps in ISO 8601 with their offset, and names with the project relative to its repository root.
/// </summary>
public static class JUnitReportWriter
{
    public static string Serialize(AuditReport report)
    {
        var suites = report.Findings.GroupBy(f => f.Level).OrderBy(g => g.Key).Select(g => Suite(report, g.Key, g.ToList())).ToList();
        var root = new XElement("testsuites",
            new XAttribute("name", $"mlaudit {ProjectPath.Shown(report.Subject)}"),
            Counts(suites.SelectMany(s => s.Elements("testcase")).ToList(), skipped: false),
            new XAttribute("time", Time),
            suites);
        return XmlText.Serialize(new XDocument(root));
    }

    /// <summary>
    /// One suite per level: a case saying whether the level is reached (so a level above the attained one is never an
    /// all-green suite), then a case per rule.
    /// </summary>
    private static XElement Suite(AuditReport report, int level, IReadOnlyList<Finding> findings)
    {
        var result = report.Maturity.Levels.FirstOrDefault(l => l.Level == level);
        var cases = (result is null ? [] : new[] { LevelCase(result, report.Maturity.Level) }).Concat(findings.Select(f => Case(f, report.Subject))).ToList();
        var reached = result is null ? "" : result.Reached ? " (reached)" : " (not reached)";
        return new XElement("testsuite",
            new XAttribute("name", $"Level {level} - {result?.Name ?? ""}{reached}"),
            Counts(cases),
            new XAttribute("time", Time),
            new XAttribute("timestamp", report.GeneratedAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)),
            Properties(report.Policy),
            cases);
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

    /// <summary>"level N reached": passes when reached, fails when not met or only its own criteria are met, skipped when unknown.</summary>
    private static XElement LevelCase(LevelResult level, int attained)
    {
        var element = new XElement("testcase",
            new XAttribute("classname", $"mlaudit.level{level.Level}"),
            new XAttribute("name", $"level {level.Level} reached"),
            new XAttribute("time", Time));
        var wording = LevelWording.Of(level, attained);
        var blocked = level.Blocking.Count == 0 ? "" : $"; blocked by {string.Join(", ", level.Blocking)}";
        switch (level.Status)
        {
            case LevelStatus.Reached:
                break;
            case LevelStatus.Unknown:
                element.Add(new XElement("skipped", new XAttribute("message", $"not reached: {wording}{blocked}")));
                break;
            default:
                element.Add(new XElement("failure", new XAttribute("message", $"not reached: {wording}{blocked}"), new XAttribute("type", "level-not-reached")));
                break;
        }

        return element;
    }

    /// <summary>Seconds a case or suite took: judging a rule reads facts already collected, so nothing to measure.</summary>
    private const string Time = "0";

    /// <summary>The counts; <c>skipped</c> only on suites (Jenkins' schema has no such attribute on <c>testsuites</c>).</summary>
    private static object[] Counts(IReadOnlyCollection<XElement> cases, bool skipped = true) =>
    [
        new XAttribute("tests", cases.Count),
        new XAttribute("failures", cases.Count(c => c.Element("failure") is not null)),
        new XAttribute("errors", cases.Count(c => c.Element("error") is not null)),
        .. skipped ? [new XAttribute("skipped", cases.Count(c => c.Element("skipped") is not null))] : Array.Empty<XAttribute>(),
    ];

    private static XElement Case(Finding found, ReportSubject subject)
    {
        var finding = found with { Message = ProjectPath.InText(found.Message, subject) };
        var element = new XElement("testcase",
            new XAttribute("classname", $"mlaudit.level{finding.Level}.{finding.Category}"),
            new XAttribute("name", $"{finding.RuleId} {finding.Title}"),
            new XAttribute("time", Time));
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
