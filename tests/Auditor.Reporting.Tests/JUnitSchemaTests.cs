using System.Xml.Linq;
using Auditor.Testing;

namespace Auditor.Reporting.Tests;

/// <summary>The JUnit report against Jenkins' JUnit schema: time everywhere, ISO timestamps with an offset, no absolute path.</summary>
public sealed class JUnitSchemaTests
{
    [Fact]
    public void Junit_validates_against_the_jenkins_schema()
    {
        JUnitSchema.AssertValid(JUnitReportWriter.Serialize(RichReport.Create()));
        JUnitSchema.AssertValid(JUnitReportWriter.Serialize(SampleReport.Create()));
    }

    [Fact]
    public void Schema_check_can_fail()
    {
        var junit = JUnitReportWriter.Serialize(RichReport.Create());

        Assert.NotEmpty(JUnitSchema.Errors(junit.Replace("<testsuites ", "<testsuites skipped=\"1\" ", StringComparison.Ordinal)));
        Assert.NotEmpty(JUnitSchema.Errors(junit.Replace("time=\"0\" timestamp", "time=\"a while\" timestamp", StringComparison.Ordinal)));
        Assert.NotEmpty(JUnitSchema.Errors(junit.Replace("<testcase ", "<testcase duration=\"1\" ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Every_case_and_suite_has_a_time_and_suites_an_iso_timestamp_with_offset()
    {
        var report = RichReport.Create() with { GeneratedAt = new DateTimeOffset(2026, 11, 27, 13, 30, 5, TimeSpan.FromHours(1)) };
        var xml = XDocument.Parse(JUnitReportWriter.Serialize(report));

        Assert.All(xml.Descendants("testcase"), c => Assert.Equal("0", (string?)c.Attribute("time")));
        Assert.All(xml.Descendants("testsuite"), s => Assert.Equal("0", (string?)s.Attribute("time")));
        Assert.Equal("0", (string?)xml.Root!.Attribute("time"));
        Assert.All(xml.Descendants("testsuite"), s => Assert.Equal("2026-11-27T13:30:05+01:00", (string?)s.Attribute("timestamp")));
        Assert.True(DateTimeOffset.TryParse((string?)xml.Descendants("testsuite").First().Attribute("timestamp"), System.Globalization.CultureInfo.InvariantCulture, out var parsed));
        Assert.Equal(report.GeneratedAt, parsed);
    }

    [Fact]
    public void Names_and_messages_carry_the_project_relative_to_the_repository_root()
    {
        var report = RichReport.Create();
        var finding = report.Findings.First(f => f.Outcome == Core.Rules.Outcome.Fail);
        report = report with
        {
            Subject = report.Subject with { Path = "/home/runner/work/acme/models/churn", Repository = report.Subject.Repository! with { Root = "/home/runner/work/acme" } },
            Findings = [.. report.Findings.Select(f => f == finding ? f with { Message = "No CI file under /home/runner/work/acme/models/churn/.github." } : f)],
        };

        var junit = JUnitReportWriter.Serialize(report);

        Assert.Equal("mlaudit acme/models/churn", (string?)XDocument.Parse(junit).Root!.Attribute("name"));
        Assert.Contains("No CI file under acme/models/churn/.github.", junit, StringComparison.Ordinal);
        Assert.DoesNotContain("/home/runner", junit, StringComparison.Ordinal);
    }
}
