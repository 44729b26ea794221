using System.Text.Json;
using Auditor.Testing;
using Xunit.Abstractions;

namespace Auditor.Cli.Tests;

/// <summary>
/// Every fixture's HTML report opened in headless Chromium: no rung above the attained level is drawn green or says
/// reached or met. Skips, saying so, only when Chromium is not installed.
/// </summary>
public sealed class HtmlLadderBrowserTests(ITestOutputHelper output)
{
    private const string Green = "rgb(26, 127, 55)";
    private const string GreenFill = "rgb(218, 251, 225)";

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
}
