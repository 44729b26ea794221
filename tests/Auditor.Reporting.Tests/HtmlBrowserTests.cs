using Auditor.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Auditor.Reporting.Tests;

/// <summary>
/// Opens the HTML report in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright; never a
/// downloaded browser). Skips, saying so, only when Chromium is not installed; CI installs it (.ci/install).
/// </summary>
public sealed class HtmlBrowserTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Report_renders_in_chromium_without_network_or_injected_script()
    {
        if (!Chromium.Installed)
        {
            output.WriteLine($"SKIPPED: {Chromium.ExecutablePath} is not installed (run .ci/install); the browser check did not run.");
            return;
        }

        using var folder = new TempFolder();
        var page = folder.Combine("report.html");
        await File.WriteAllTextAsync(page, new HtmlReportWriter().Render(RichReport.Create()));

        await using var chromium = await Chromium.LaunchAsync();
        var url = new Uri(page).AbsoluteUri;
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var tab = await context.NewPageAsync();
        var requests = new List<string>();
        var dialogs = new List<string>();
        tab.Request += (_, request) => requests.Add(request.Url);
        tab.Dialog += (_, dialog) => dialogs.Add(dialog.Message);

        await tab.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        // Expand every <details> so evidence and guidance (where payloads sit) are rendered too.
        await tab.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => d.open = true)");
        await tab.WaitForTimeoutAsync(300);

        Assert.Equal("1", (await tab.Locator("[data-testid=level]").InnerTextAsync()).Trim());
        Assert.Equal(10, await tab.Locator("article.finding").CountAsync());
        Assert.Equal(3, await tab.Locator("article.finding[data-outcome=fail]").CountAsync());
        Assert.True(await tab.Locator("[data-testid=trace]").IsVisibleAsync());
        Assert.Contains("Reproducibility trace", await tab.Locator("[data-testid=trace]").InnerTextAsync());
        Assert.Contains("MLA-0003", await tab.Locator("[data-testid=next-level]").InnerTextAsync());
        Assert.Equal(3, await tab.Locator("svg.chart").CountAsync());
        Assert.Equal(2, await tab.Locator("[data-testid=trace-row]").CountAsync());
        Assert.Contains("broken", (await tab.Locator("tr.verdict-broken").InnerTextAsync()).ToLowerInvariant());
        Assert.Contains("its run d4e5f6 is deleted", await tab.Locator("[data-testid=trace]").InnerTextAsync());
        Assert.True(await tab.Locator("[data-testid=history] svg.chart").IsVisibleAsync());
        Assert.Contains("Waived: remediation-planned", await tab.Locator("[data-testid=waiver]").InnerTextAsync());
        Assert.Contains("Attested, not verified", await tab.Locator("[data-testid=attestation]").InnerTextAsync());
        Assert.Contains("window.__pwned", await tab.Locator("body").InnerTextAsync());

        Assert.Equal("undefined", await tab.EvaluateAsync<string>("() => typeof window.__pwned"));
        Assert.StartsWith("mlaudit report:", await tab.TitleAsync());
        Assert.Empty(dialogs);
        Assert.Empty(await tab.Locator("body script, body img, body [onerror], body [onload]").AllAsync());
        Assert.All(requests, r => Assert.Equal(url, r));

        var artefacts = Path.Combine(AppContext.BaseDirectory, "TestResults");
        Directory.CreateDirectory(artefacts);
        var screenshot = Path.Combine(artefacts, "report.png");
        await tab.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        File.Copy(page, Path.Combine(artefacts, "report.html"), overwrite: true);
        output.WriteLine($"screenshot: {screenshot}; requests: {string.Join(", ", requests)}");
    }
}
