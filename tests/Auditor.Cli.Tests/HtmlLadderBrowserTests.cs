using System.Text.Json;
using Auditor.Testing;
using Xunit.Abstractions;

namespace Auditor.Cli.Tests;

/// <summary>
/// Every fixture's HTML report opened in headless Chromium: no rung above the attained level is drawn green or says
/// reached or met; findings are failing first within each level, passes collapsed, the CSS-only outcome filter works,
/// and the report follows a dark colour scheme. Skips, saying so, only when Chromium is not installed.
/// </summary>
public sealed class HtmlLadderBrowserTests(ITestOutputHelper output)
{
    private const string Green = "rgb(26, 127, 55)";
    private const string GreenFill = "rgb(218, 251, 225)";
    private const string DarkBackground = "rgb(13, 17, 23)";

    [Fact]
    public async Task No_fixture_html_draws_a_level_above_the_attained_one_as_met_or_reached()
    {
        if (!Chromium.Installed)
        {
            output.WriteLine($"SKIPPED: {Chromium.ExecutablePath} is not installed (run .ci/install); the browser check did not run.");
            return;
        }

        await using var chromium = await Chromium.LaunchAsync();
        foreach (var name in HonestLevelTests.FixtureNames)
        {
            using var fixture = Fixture.Unpack(name);
            await AssertLadderAsync(chromium, fixture.Path, name);
        }

        using var criteriaMet = Fixture.Unpack("untracked");
        using var rules = new TempFolder();
        HonestLevelTests.WriteLevel4CriteriaRules(rules);
        var rung4 = await AssertLadderAsync(chromium, criteriaMet.Path, "untracked with level 4's criteria met", "--rules", rules.Path);
        Assert.Contains("criteria met, not reached (level 1 not reached)", rung4);
    }

    [Fact]
    public async Task Findings_are_failing_first_with_passes_collapsed_an_outcome_filter_and_dark_mode()
    {
        if (!Chromium.Installed)
        {
            output.WriteLine($"SKIPPED: {Chromium.ExecutablePath} is not installed (run .ci/install); the browser check did not run.");
            return;
        }

        await using var chromium = await Chromium.LaunchAsync();
        foreach (var name in new[] { "tracked-file", "untracked" })
        {
            using var fixture = Fixture.Unpack(name);
            using var folder = new TempFolder();
            var run = CliRun.Invoke(fixture.Path, null, "audit", fixture.Path, "--format", "json,html", "--output-dir", folder.Path);
            Assert.True(run.ExitCode == 0, run.Error);
            var findings = JsonDocument.Parse(File.ReadAllText(folder.Combine("report.json"))).RootElement.GetProperty("findings").EnumerateArray().ToList();
            int Count(string outcome) => findings.Count(f => f.GetProperty("outcome").GetString() == outcome && f.GetProperty("waiver").ValueKind != JsonValueKind.Object);

            var page = await chromium.OpenAsync(folder.Combine("report.html"));
            await Screenshot(page, $"{name}-light");

            // Failing first within each level; passes and not-applicable findings start collapsed.
            var shown = await Findings(page);
            Assert.Equal(findings.Count, shown.Length);
            foreach (var level in shown.GroupBy(f => f.Level))
            {
                var order = level.Select(f => f.Filter).ToList();
                var lastFailing = order.LastIndexOf("failing");
                Assert.True(lastFailing < 0 || order.Take(lastFailing).All(f => f == "failing"), $"{name} level {level.Key}: {string.Join(", ", order)}");
            }

            Assert.All(shown.Where(f => f.Filter is "failing" or "unknown"), f => Assert.True(f.Visible, $"{name}: {f.Id} is hidden"));
            Assert.All(shown.Where(f => f.Filter == "pass"), f => Assert.False(f.Visible, $"{name}: pass {f.Id} is not collapsed"));
            var toggle = page.Locator("[data-testid=passes-toggle]").First;
            Assert.Matches(@"^. +show \d+ passed, \d+ not applicable$", await toggle.EvaluateAsync<string>("t => getComputedStyle(t, '::before').content.replaceAll('\"', '') + t.innerText"));
            await toggle.ClickAsync();
            var group = await toggle.EvaluateAsync<int>("t => Number(t.closest('.level-group').dataset.level)");
            Assert.All((await Findings(page)).Where(f => f.Level == group), f => Assert.True(f.Visible, $"{name}: {f.Id} stays hidden after expanding level {group}"));
            await toggle.ClickAsync();

            // The filter shows exactly the findings of one outcome, collapsed or not, and "all" restores the view.
            foreach (var (filter, outcome) in new[] { ("failing", "fail"), ("pass", "pass"), ("unknown", "unknown"), ("not-applicable", "not-applicable") })
            {
                await page.Locator($"label[for=show-{filter}]").ClickAsync();
                var visible = (await Findings(page)).Where(f => f.Visible).ToList();
                Assert.All(visible, f => Assert.Equal(filter, f.Filter));
                Assert.Equal(filter == "failing" ? Count("fail") + Count("error") : Count(outcome), visible.Count);
                Assert.True(await page.Locator(".level-group").EvaluateAllAsync<bool>("gs => gs.filter(g => g.checkVisibility()).every(g => [...g.querySelectorAll('article.finding')].some(f => f.checkVisibility()))"), $"{name}: a level without {filter} findings is still shown");
                if (filter == "failing")
                {
                    await Screenshot(page, $"{name}-failing-only");
                }
            }

            await page.Locator("label[for=show-all]").ClickAsync();
            Assert.Equal(shown.Select(f => (f.Id, f.Visible)), (await Findings(page)).Select(f => (f.Id, f.Visible)));

            // Category names come from the label table; no link points at a section the report does not have.
            var categories = await page.Locator("[data-testid=category-row] td:first-child").AllInnerTextsAsync();
            Assert.Contains("CI/CD", categories);
            Assert.DoesNotContain("ci-cd", categories);
            Assert.Empty(await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('a[href^=\"#\"]')].map(a => a.getAttribute('href')).filter(h => !document.getElementById(h.slice(1)))"));
            Assert.Equal(0, await page.Locator("a[href='#history']").CountAsync());
            Assert.Equal("rgb(255, 255, 255)", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
            await page.Context.CloseAsync();

            // Dark mode follows prefers-color-scheme: dark background, light text, an attained rung not drawn in the light green.
            var dark = await chromium.Browser.NewContextAsync(new Microsoft.Playwright.BrowserNewContextOptions
            {
                ColorScheme = Microsoft.Playwright.ColorScheme.Dark,
                ViewportSize = new Microsoft.Playwright.ViewportSize { Width = 1280, Height = 900 },
            });
            var darkPage = await dark.NewPageAsync();
            await darkPage.GotoAsync(new Uri(folder.Combine("report.html")).AbsoluteUri);
            Assert.True(await darkPage.EvaluateAsync<bool>("() => matchMedia('(prefers-color-scheme: dark)').matches"));
            Assert.Equal(DarkBackground, await darkPage.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
            var ink = await darkPage.EvaluateAsync<int[]>("() => getComputedStyle(document.body).color.match(/\\d+/g).map(Number)");
            Assert.True(ink.Take(3).All(c => c > 200), $"{name}: dark text is {string.Join(",", ink)}");
            var rung = await darkPage.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('li.rung.attained')).backgroundColor");
            Assert.NotEqual(GreenFill, rung);
            Assert.NotEqual(DarkBackground, rung);
            await Screenshot(darkPage, $"{name}-dark");
            await dark.CloseAsync();
        }
    }

    /// <summary>Every finding in document order with its level, filter class and whether the browser renders it.</summary>
    private static Task<Shown[]> Findings(Microsoft.Playwright.IPage page) => page.EvaluateAsync<Shown[]>("""
        () => [...document.querySelectorAll('article.finding')].map(f => ({
          id: f.id, filter: f.dataset.filter, level: Number(f.closest('.level-group').dataset.level), visible: f.checkVisibility() }))
        """);

    private async Task Screenshot(Microsoft.Playwright.IPage page, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{name}.png");
        await page.ScreenshotAsync(new Microsoft.Playwright.PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
    }

    /// <summary>Renders the project's HTML, checks every rung in the browser, and returns the text of the level-4 rung.</summary>
    private static async Task<string> AssertLadderAsync(Chromium chromium, string project, string name, params string[] extra)
    {
        using var folder = new TempFolder();
        var run = CliRun.Invoke(project, null, ["audit", project, "--format", "json,html", "--output-dir", folder.Path, .. extra]);
        Assert.True(run.ExitCode == 0, run.Error);
        var attained = JsonDocument.Parse(File.ReadAllText(folder.Combine("report.json"))).RootElement.GetProperty("maturity").GetProperty("level").GetInt32();

        var page = await chromium.OpenAsync(folder.Combine("report.html"));
        Assert.Equal(attained.ToString(System.Globalization.CultureInfo.InvariantCulture), (await page.Locator("[data-testid=level]").InnerTextAsync()).Trim());
        var rungs = await page.EvaluateAsync<Rung[]>("""
            () => [...document.querySelectorAll('li.rung')].map(r => ({
              level: Number(r.dataset.level), reached: r.dataset.reached, text: r.innerText,
              background: getComputedStyle(r).backgroundColor, border: getComputedStyle(r).borderTopColor }))
            """);
        Assert.Equal(5, rungs.Length);
        foreach (var rung in rungs.Where(r => r.Level > attained))
        {
            var said = System.Text.RegularExpressions.Regex.Replace(rung.Text, @"not (reached|met)|criteria met, not reached", "");
            Assert.False(rung.Background == GreenFill || rung.Border == Green, $"{name}: level {rung.Level} is drawn green above the attained level {attained}");
            Assert.Equal("false", rung.Reached);
            Assert.DoesNotMatch(@"\b(reached|met)\b", said);
        }

        Assert.All(rungs.Where(r => r.Level <= attained), r => Assert.Equal(GreenFill, r.Background));
        await page.Context.CloseAsync();
        return rungs.Single(r => r.Level == 4).Text;
    }

    /// <summary>One rung as the browser draws it (Playwright fills it through its setters).</summary>
    private sealed class Rung
    {
        public int Level { get; set; }

        public string Reached { get; set; } = "";

        public string Text { get; set; } = "";

        public string Background { get; set; } = "";

        public string Border { get; set; } = "";
    }

    /// <summary>One finding as the browser shows it.</summary>
    private sealed class Shown
    {
        public string Id { get; set; } = "";

        public string Filter { get; set; } = "";

        public int Level { get; set; }

        public bool Visible { get; set; }
    }
}
