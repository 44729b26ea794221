using System.Text.Json;
using System.Text.Json.Nodes;
using Auditor.Testing;
using Xunit.Abstractions;

namespace Auditor.Cli.Tests;

/// <summary>
/// Audits of every fixture, each written to its own folder as a CI job's artifact would be, merged with
/// <c>mlaudit portfolio</c>: the rows are the audits' own levels, blockers and serving verdicts; broken reports cost
/// themselves only; the HTML keeps its CSP and runs no script, also for hostile project names.
/// </summary>
public sealed class PortfolioTests(PortfolioTests.Audits audits, ITestOutputHelper output) : IClassFixture<PortfolioTests.Audits>
{
    private static readonly string Schema = Path.Combine(TestPaths.RepositoryRoot, "docs", "portfolio.schema.json");

    /// <summary>Every fixture audited once for the class: <c>reports/&lt;fixture&gt;/report.json</c>.</summary>
    public sealed class Audits : IDisposable
    {
        public Audits()
        {
            foreach (var name in HonestLevelTests.FixtureNames)
            {
                using var fixture = Fixture.Unpack(name);
                var run = CliRun.Invoke(fixture.Path, null, "audit", fixture.Path, "-f", "json", "--output-dir", Folder.Combine(name), "-q");
                Assert.True(run.ExitCode == 0, run.Error);
                Reports[name] = JsonNode.Parse(File.ReadAllText(Folder.Combine(name, "report.json")))!;
            }
        }

        public TempFolder Folder { get; } = new();

        public Dictionary<string, JsonNode> Reports { get; } = [];

        public void Dispose() => Folder.Dispose();
    }

    [Fact]
    public void A_folder_of_every_fixture_audit_gives_one_row_per_project_with_the_audits_levels_blockers_and_serving_verdicts()
    {
        var (run, portfolio) = Merge(audits.Folder.Path);

        Assert.Equal(0, run.ExitCode);
        SchemaValidator.AssertValid(Schema, portfolio.ToJsonString());
        var rows = portfolio["projects"]!.AsArray().ToDictionary(p => (string)p!["project"]!);
        Assert.Equal(HonestLevelTests.FixtureNames.Order(StringComparer.Ordinal), rows.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, report) in audits.Reports)
        {
            var row = rows[name]!;
            var level = (int)report["maturity"]!["level"]!;
            Assert.Equal(level, (int)row["level"]!);
            var next = report["maturity"]!["levels"]!.AsArray().Single(l => (int)l!["level"]! == level + 1)!;
            Assert.Equal(next["blocking"]!.AsArray().Select(b => (string)b!), row["blockers"]!.AsArray().Select(b => (string)b!));
            Assert.Equal(Path.Combine(name, "report.json"), (string)row["file"]!);
        }

        Assert.Equal(2, (int)rows["tracked-file"]!["level"]!);
        Assert.Equal(["MLA-0035"], rows["tracked-file"]!["blockers"]!.AsArray().Select(b => (string)b!));
        Assert.Equal("""[{"model":"nyc-taxi-regressor","version":2,"verdict":"reproducible"}]""", rows["tracked-file"]!["serving"]!.ToJsonString());
        Assert.Equal("sqlite", (string)rows["tracked-sqlite"]!["storeKind"]!);
        Assert.Equal(0, (int)rows["sloppy-file"]!["level"]!);
        Assert.Equal("broken", (string)rows["sloppy-file"]!["serving"]![0]!["verdict"]!);
        Assert.Null(rows["untracked"]!["storeKind"]);
        Assert.Empty(rows["untracked"]!["serving"]!.AsArray());

        var levels = portfolio["levels"]!.AsArray().Select(l => (int)l!["projects"]!).ToArray();
        Assert.Equal([4, 0, 4, 0, 0], levels);
        var firstRule = portfolio["rules"]![0]!;
        Assert.Equal("MLA-0035", (string)firstRule["ruleId"]!);
        Assert.Equal(4, (int)firstRule["blockedProjects"]!);
        Assert.Equal(8, (int)firstRule["failingProjects"]!);
        Assert.Equal(
            rows.Values.Select(r => (int)r!["level"]!).ToList(),
            rows.Values.Select(r => (int)r!["level"]!).Order().ToList());
    }

    [Fact]
    public void Files_globs_and_folders_name_the_same_reports_once()
    {
        var (run, portfolio) = Merge(audits.Folder.Path, "tracked-file/report.json", "*/report.json", ".");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(8, portfolio["projects"]!.AsArray().Count);
        Assert.Equal(8, (int)portfolio["reportsFound"]!);
        Assert.Empty(portfolio["problems"]!.AsArray());
    }

    [Fact]
    public void A_broken_report_is_one_line_naming_the_file_and_the_rest_are_merged()
    {
        using var folder = CopyOfAudits();
        Directory.CreateDirectory(folder.Combine("not-json"));
        File.WriteAllText(folder.Combine("not-json", "report.json"), "{\"schemaVersion\": \"2\", ");
        Directory.CreateDirectory(folder.Combine("old"));
        File.WriteAllText(folder.Combine("old", "report.json"), audits.Reports["untracked"].ToJsonString().Replace("\"schemaVersion\":\"2\"", "\"schemaVersion\":\"1\""));
        Directory.CreateDirectory(folder.Combine("wrong-shape"));
        var wrong = audits.Reports["tracked-file"].DeepClone();
        wrong["maturity"]!["level"] = "two";
        File.WriteAllText(folder.Combine("wrong-shape", "report.json"), wrong.ToJsonString());
        Directory.CreateDirectory(folder.Combine("other-tool"));
        File.WriteAllText(folder.Combine("other-tool", "report.json"), "[1, 2]");

        var (run, portfolio) = Merge(folder.Path, ".", "missing-folder");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(8, portfolio["projects"]!.AsArray().Count);
        var problems = portfolio["problems"]!.AsArray().Select(p => (string)p!).ToList();
        output.WriteLine(string.Join("\n", problems));
        Assert.Equal(
            [
                "missing-folder: no such file or folder",
                "not-json/report.json: not JSON (line 1, byte 24); skipped",
                "old/report.json: a schemaVersion '1' report; this mlaudit merges version 2 (audit the project again with it); skipped",
                "other-tool/report.json: not an mlaudit report (no schemaVersion); skipped",
                "wrong-shape/report.json: does not match docs/report.schema.json: at '/maturity/level': Value is \"string\" but should be \"integer\"; skipped",
            ],
            problems);
        Assert.All(problems, p => Assert.Contains($"mlaudit: {p}", run.Error));
    }

    [Fact]
    public void No_readable_report_is_exit_2()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("report.json"), "null");

        var run = CliRun.Invoke(folder.Path, null, "portfolio", ".", "-f", "json", "--output-dir", folder.Combine("out"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("report.json: not an mlaudit report (no schemaVersion); skipped", run.Error);
        Assert.Contains("mlaudit: error: no report could be read (1 file found); nothing to merge", run.Error);
        Assert.False(File.Exists(folder.Combine("out", "portfolio.json")));
    }

    [Theory]
    [InlineData("sarif", "'sarif' is not a portfolio format (use console, json, html, markdown)")]
    [InlineData("json,pdf", "'pdf' is not a portfolio format")]
    public void A_format_the_portfolio_does_not_write_is_exit_2(string formats, string message)
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("report.json"), "null");

        var run = CliRun.Invoke(folder.Path, null, "portfolio", ".", "-f", formats, "--output-dir", folder.Combine("out"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"mlaudit: error: --format: {message}", run.Error);
        Assert.False(Directory.Exists(folder.Combine("out")));
    }

    [Fact]
    public void The_same_project_twice_counts_once_by_its_newest_report_and_old_reports_are_stale()
    {
        using var folder = new TempFolder();
        var newer = audits.Reports["tracked-file"].DeepClone();
        var older = audits.Reports["tracked-file"].DeepClone();
        older["generatedAt"] = CliRun.Now.AddDays(-45).ToString("O");
        older["maturity"]!["level"] = 1;
        var stale = audits.Reports["untracked"].DeepClone();
        stale["generatedAt"] = CliRun.Now.AddDays(-31).ToString("O");
        Write(folder, "a", newer);
        Write(folder, "b", older);
        Write(folder, "c", stale);

        var (run, portfolio) = Merge(folder.Path, ".");

        var rows = portfolio["projects"]!.AsArray();
        Assert.Equal(2, rows.Count);
        var tracked = rows.Single(r => (string)r!["project"]! == "tracked-file")!;
        Assert.Equal(2, (int)tracked["level"]!);
        Assert.Equal("a/report.json", (string)tracked["file"]!);
        Assert.False((bool)tracked["stale"]!);
        Assert.Equal("b/report.json: an older report of tracked-file than a/report.json; left out", (string)portfolio["problems"]![0]!);
        var untracked = rows.Single(r => (string)r!["project"]! == "untracked")!;
        Assert.True((bool)untracked["stale"]!);
        Assert.Equal(31, (double)untracked["ageDays"]!);
        Assert.Equal(1, (int)portfolio["stale"]!);

        var (_, strict) = Merge(folder.Path, ".", "--stale-days", "60");
        Assert.Equal(0, (int)strict["stale"]!);
        var markdown = CliRun.Invoke(folder.Path, null, "portfolio", ".", "-f", "markdown", "-o", "-");
        Assert.Contains("| untracked | 0 |", markdown.Out);
        Assert.Contains("2026\\-10\\-27 \\(stale\\) |", markdown.Out);
    }

    [Fact]
    public void A_previous_portfolio_gives_the_projects_that_rose_fell_came_and_went()
    {
        using var folder = new TempFolder();
        Write(folder, "tracked", audits.Reports["tracked-file"]);
        Write(folder, "untracked", audits.Reports["untracked"]);
        var (_, before) = Merge(folder.Path, ".");
        File.WriteAllText(folder.Combine("before.json"), before.ToJsonString());

        var fell = audits.Reports["tracked-file"].DeepClone();
        fell["maturity"]!["level"] = 1;
        Write(folder, "tracked", fell);
        Directory.Delete(folder.Combine("untracked"), recursive: true);
        Write(folder, "sloppy", audits.Reports["sloppy-file"]);

        var (run, after) = Merge(folder.Path, ".", "--previous", "before.json");

        Assert.Equal(0, run.ExitCode);
        SchemaValidator.AssertValid(Schema, after.ToJsonString());
        var trend = after["trend"]!;
        Assert.Equal("""[{"project":"tracked-file","from":2,"to":1}]""", trend["regressed"]!.ToJsonString());
        Assert.Empty(trend["improved"]!.AsArray());
        Assert.Equal("""["sloppy-file"]""", trend["added"]!.ToJsonString());
        Assert.Equal("""["untracked"]""", trend["removed"]!.ToJsonString());

        File.WriteAllText(folder.Combine("bogus.json"), "{\"schemaVersion\": \"9\"}");
        var bogus = CliRun.Invoke(folder.Path, null, "portfolio", "tracked", "--previous", "bogus.json");
        Assert.Equal(2, bogus.ExitCode);
        Assert.Contains("mlaudit: error: --previous bogus.json: not an mlaudit portfolio.json", bogus.Error);
    }

    [Fact]
    public void Markdown_and_console_show_levels_blockers_and_rows_and_stay_small_with_links_to_the_rules()
    {
        var markdown = CliRun.Invoke(audits.Folder.Path, null, "portfolio", ".", "-f", "markdown", "-o", "-");
        var console = CliRun.Invoke(audits.Folder.Path, null, "portfolio", ".");

        Assert.Equal(0, markdown.ExitCode);
        Assert.Contains("**8 projects** · median level **0** · 0 stale", markdown.Out);
        Assert.Contains("| 2 Automated training | 4 | 50% |", markdown.Out);
        Assert.Matches(@"\| \[MLA\\-0035\]\(https://github\.com/[^)]+/docs/rules\.md#mla-0035\) Model deployment is automated", markdown.Out);
        Assert.Contains("| sloppy\\-file | 0 |", markdown.Out);
        Assert.Contains("taxi\\-model v1: broken", markdown.Out);
        Assert.DoesNotContain(audits.Folder.Path, markdown.Out);

        Assert.StartsWith("mlaudit portfolio: 8 projects, median level 0, 0 stale (> 30 days), 0 problems\n", console.Out);
        Assert.Contains("  MLA-0035  blocks     4, fails in     8  Model deployment is automated", console.Out);
        Assert.Contains("  L2  tracked-sqlite  blocked by MLA-0035; nyc-taxi-regressor v2: reproducible; 2026-11-27", console.Out);
        Assert.True(console.Out.Split('\n').Length < 30, console.Out);
    }

    [Fact]
    public void Hostile_project_names_stay_text_in_every_format()
    {
        using var folder = new TempFolder();
        var hostile = audits.Reports["tracked-file"].DeepClone();
        const string name = "<img src=x onerror=alert(1)>*[x](javascript:alert(1))*|@team";
        hostile["subject"]!["path"] = "/ci/" + name;
        hostile["subject"]!["repository"]!["root"] = "/ci/" + name;
        Write(folder, "x", hostile);

        var run = CliRun.Invoke(folder.Path, null, "portfolio", ".", "-f", "json,html,markdown", "--output-dir", folder.Combine("out"));

        Assert.Equal(0, run.ExitCode);
        var html = File.ReadAllText(folder.Combine("out", "portfolio.html"));
        var markdown = File.ReadAllText(folder.Combine("out", "portfolio.md"));
        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("default-src 'none'", html);
        Assert.DoesNotContain("<img", markdown);
        Assert.DoesNotContain("](javascript", markdown);
        Assert.Contains("@&#8203;team", markdown);
        Assert.Equal(name, (string)JsonNode.Parse(File.ReadAllText(folder.Combine("out", "portfolio.json")))!["projects"]![0]!["project"]!);
    }

    [Fact]
    public async Task The_html_portfolio_in_chromium_runs_no_script_keeps_its_csp_and_shows_every_project()
    {
        if (!Chromium.Installed)
        {
            output.WriteLine($"SKIPPED: {Chromium.ExecutablePath} is not installed (run .ci/install); the browser check did not run.");
            return;
        }

        using var folder = CopyOfAudits();
        var hostile = audits.Reports["sloppy-file"].DeepClone();
        hostile["subject"]!["path"] = "/ci/<img src=x onerror=\"document.title='pwned'\">";
        Write(folder, "hostile", hostile);
        var run = CliRun.Invoke(folder.Path, null, "portfolio", ".", "-f", "html", "--output-dir", folder.Combine("out"));
        Assert.Equal(0, run.ExitCode);

        await using var chromium = await Chromium.LaunchAsync();
        var page = await chromium.OpenAsync(folder.Combine("out", "portfolio.html"));
        Assert.Equal("mlaudit portfolio: 9 projects", await page.TitleAsync());
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.scripts.length"));
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'; img-src data:",
            await page.EvaluateAsync<string>("() => document.querySelector('meta[http-equiv=Content-Security-Policy]').content"));
        var rows = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('[data-testid=project] td:first-child')].map(td => td.innerText)");
        Assert.Equal(9, rows.Length);
        Assert.Contains("<img src=x onerror=\"document.title='pwned'\">", rows);
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.images.length"));
        var counts = await page.EvaluateAsync<int[]>("() => [...document.querySelectorAll('[data-testid=level-count]')].map(d => Number(d.innerText))");
        Assert.Equal([5, 0, 4, 0, 0], counts);
        var levels = await page.EvaluateAsync<int[]>("() => [...document.querySelectorAll('[data-testid=project]')].map(r => Number(r.dataset.level))");
        Assert.Equal(levels.Order().ToArray(), levels);
        var verdictColour = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.verdict.broken')).color");
        Assert.Equal("rgb(207, 34, 46)", verdictColour);
        await page.EmulateMediaAsync(new Microsoft.Playwright.PageEmulateMediaOptions { ColorScheme = Microsoft.Playwright.ColorScheme.Dark });
        Assert.Equal("rgb(13, 17, 23)", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
        await page.Context.CloseAsync();
    }

    private static (CliRun Run, JsonNode Portfolio) Merge(string currentDirectory, params string[] inputs)
    {
        var run = CliRun.Invoke(currentDirectory, null, ["portfolio", .. inputs.Length == 0 ? ["."] : inputs, "-f", "json", "-o", "-"]);
        Assert.True(run.ExitCode == 0, run.Error);
        return (run, JsonNode.Parse(run.Out)!);
    }

    private TempFolder CopyOfAudits()
    {
        var folder = new TempFolder();
        foreach (var (name, report) in audits.Reports)
        {
            Write(folder, name, report);
        }

        return folder;
    }

    private static void Write(TempFolder folder, string name, JsonNode report)
    {
        Directory.CreateDirectory(folder.Combine(name));
        File.WriteAllText(folder.Combine(name, "report.json"), report.ToJsonString());
    }
}
