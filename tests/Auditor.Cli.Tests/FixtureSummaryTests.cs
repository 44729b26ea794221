using Auditor.Testing;

namespace Auditor.Cli.Tests;

/// <summary>
/// The human-readable summaries of real audits match checked-in golden files: failures first with their severity,
/// findings as sentences, no absolute path (the fixture's temporary folder never appears).
/// </summary>
public sealed class FixtureSummaryTests
{
    [Theory]
    [InlineData("tracked-file")]
    [InlineData("sloppy-file")]
    [InlineData("untracked")]
    public void Console_summary_plain_and_on_a_terminal_matches_the_golden_files(string name)
    {
        using var fixture = Fixture.Unpack(name);

        var plain = CliRun.Invoke(fixture.Path, null, "audit", fixture.Path);
        var terminal = CliRun.Invoke(fixture.Path, new Dictionary<string, string> { ["FORCE_COLOR"] = "1" }, "audit", fixture.Path);
        var noColor = CliRun.Invoke(fixture.Path, new Dictionary<string, string> { ["FORCE_COLOR"] = "1", ["NO_COLOR"] = "1" }, "audit", fixture.Path);

        Golden.AssertMatches($"{name}.console.txt", Versionless(plain.Out));
        Golden.AssertMatches($"{name}.console.ansi.txt", Versionless(terminal.Out));
        Assert.Equal(plain.Out, noColor.Out);
        Assert.Contains("\u001b[", terminal.Out);
        Assert.DoesNotContain(fixture.Path, plain.Out + terminal.Out);
        Assert.True(plain.Out.TrimEnd().Split('\n').Length <= 50, $"{name}: {plain.Out.TrimEnd().Split('\n').Length} lines");
        AssertFailuresFirst(plain.Out);
    }

    [Theory]
    [InlineData("tracked-file")]
    [InlineData("sloppy-file")]
    [InlineData("untracked")]
    public void Markdown_summary_matches_the_golden_file(string name)
    {
        using var fixture = Fixture.Unpack(name);

        var run = CliRun.Invoke(fixture.Path, null, "audit", fixture.Path, "--format", "markdown", "-o", "-", "--min-level", "2");

        Assert.True(run.ExitCode is 0 or 1, run.Error);
        Golden.AssertMatches($"{name}.md", Versionless(run.Out));
        Assert.DoesNotContain(fixture.Path, run.Out, StringComparison.Ordinal);
        Assert.Contains(run.ExitCode == 0 ? " · gate **passed** · " : " · gate **failed** (", run.Out, StringComparison.Ordinal);
        var failing = run.Out.IndexOf("failing findings (", StringComparison.OrdinalIgnoreCase);
        var passes = run.Out.IndexOf("<details><summary>Passed: ", StringComparison.Ordinal);
        Assert.True(failing > 0 && passes > failing, run.Out);
        if (ToolVersion.RulesDocument is { } catalogue)
        {
            Assert.Contains($"]({catalogue}#mla-", run.Out, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("tracked-file")]
    [InlineData("sloppy-file")]
    [InlineData("untracked")]
    public void Junit_report_matches_the_golden_file_and_the_jenkins_schema(string name)
    {
        using var fixture = Fixture.Unpack(name);

        var run = CliRun.Invoke(fixture.Path, null, "audit", fixture.Path, "--format", "junit", "-o", "-");

        Assert.True(run.ExitCode == 0, run.Error);
        Golden.AssertMatches($"{name}.junit.xml", run.Out);
        JUnitSchema.AssertValid(run.Out);
        Assert.DoesNotContain(fixture.Path, run.Out, StringComparison.Ordinal);
        Assert.Contains($"<testsuites name=\"mlaudit {name}\"", run.Out, StringComparison.Ordinal);
        Assert.Contains("timestamp=\"2026-11-27T12:00:00+00:00\"", run.Out, StringComparison.Ordinal);
    }

    /// <summary>The tool's version comes from git tags and commit height (MinVer), so the golden files hold a placeholder.</summary>
    private static string Versionless(string console)
    {
        var text = console.Replace($"mlaudit {ToolVersion.Info.Version}", "mlaudit VERSION", StringComparison.Ordinal);
        return ToolVersion.RulesDocument is { } catalogue ? text.Replace(catalogue, "RULES_DOCUMENT", StringComparison.Ordinal) : text;
    }

    /// <summary>The failing section comes before the unknown one and the count of passes.</summary>
    private static void AssertFailuresFirst(string console)
    {
        var failing = console.IndexOf("\nFailing (", StringComparison.Ordinal);
        var passed = console.IndexOf(" passed", failing + 1, StringComparison.Ordinal);
        Assert.True(failing > 0 && passed > failing, console);
        var unknown = console.IndexOf("\nUnknown (", StringComparison.Ordinal);
        Assert.True(unknown < 0 || unknown > failing, console);
    }
}
