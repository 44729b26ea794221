using Auditor.Core.Evidence;
using Auditor.Core.Facts;
using Auditor.Core.Reporting;
using Auditor.Core.Rules;
using Auditor.Core.Scoring;
using Auditor.Core.Tracking;
using Auditor.Reporting;
using Auditor.Rules;

namespace Auditor.Cli.Tests;

/// <summary>A synthetic 100,000-run store, every run on its own commit and with a problem: the caps keep every report small.</summary>
public sealed class ReportSizeTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Runs = 100_000;
    private const int FiveMegabytes = 5 * 1024 * 1024;

    [Fact]
    public void Reports_for_a_huge_store_stay_under_five_megabytes()
    {
        var start = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var store = new TrackingStore
        {
            Kind = TrackingStoreKind.File,
            Uri = "./mlruns",
            Experiments = [new Experiment { Id = "1", Name = "big" }],
            Runs = Enumerable.Range(0, Runs).Select(i => new Run
            {
                Id = i.ToString("x32"),
                ExperimentId = "1",
                Name = $"run <b>{i}</b>",
                StartTime = start.AddHours(i),
                Status = i % 10 == 0 ? RunStatus.Failed : RunStatus.Finished,
                Tags = new Dictionary<string, string> { [SystemTags.GitCommit] = (i * 7919L).ToString("x40") },
            }).ToList(),
            Problems = Enumerable.Range(0, Runs).Select(i => new StoreProblem($"mlruns/1/{i:x32}/meta.yaml", "unreadable")).ToList(),
        };
        var evidence = new EvidenceBundle
        {
            ProjectPath = "/work/big",
            CollectedAt = start.AddDays(1),
            Repository = Collected<RepositoryEvidence>.Present(new RepositoryEvidence
            {
                Root = "/work/big",
                ProjectPath = "",
                Head = new string('a', 40),
                Branch = "main",
                Dirty = true,
                DirtyFiles = Enumerable.Range(0, Runs).Select(i => $"data/file{i}.csv").ToList(),
            }),
            Tracking = Collected<TrackingStore>.Present(store),
        };
        var catalog = RuleCatalogLoader.Load();
        var findings = RuleEvaluator.EvaluateAll(catalog.Rules, FactCatalog.Build(evidence));
        var report = AuditReportBuilder.Build(evidence, findings, Scorer.Score(catalog.Policy, findings), new ToolInfo("mlaudit", "0.1.0"), start);

        Assert.Equal(Runs, report.CommitsTotal);
        Assert.Equal(AuditReportBuilder.ListCap, report.Commits.Count);
        Assert.All(report.Findings, f => Assert.InRange(f.Evidence.Count, 0, RuleEvaluator.EvidenceCap));
        var sizes = new Dictionary<string, int>
        {
            ["json"] = JsonReportWriter.Serialize(report).Length,
            ["html"] = new HtmlReportWriter().Render(report).Length,
            ["sarif"] = SarifReportWriter.Serialize(report).Length,
            ["junit"] = JUnitReportWriter.Serialize(report).Length,
            ["markdown"] = MarkdownReportWriter.Serialize(report).Length,
        };
        output.WriteLine(string.Join(", ", sizes.Select(s => $"{s.Key} {s.Value:N0}")));
        Assert.All(sizes, s => Assert.True(s.Value < FiveMegabytes, $"{s.Key} report is {s.Value:N0} characters"));
        Assert.True(sizes["json"] < 1024 * 1024, $"json report is {sizes["json"]:N0} characters");
        // GitHub refuses a job summary over 1 MiB; count UTF-8 bytes, not characters.
        var summary = System.Text.Encoding.UTF8.GetByteCount(MarkdownReportWriter.Serialize(report, new MarkdownOptions { RulesDocumentUri = "https://github.com/mlaudit/mlaudit/blob/main/docs/rules.md" }));
        Assert.True(summary < 1024 * 1024, $"markdown report is {summary:N0} bytes");
    }
}
