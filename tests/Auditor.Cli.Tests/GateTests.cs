using Auditor.Testing;

namespace Auditor.Cli.Tests;

/// <summary>The CI gate in-process: each exit code, and reports written before the gate decides.</summary>
public sealed class GateTests
{
    [Fact]
    public void No_gate_passes_even_with_failing_findings()
    {
        using var fixture = Fixture.Unpack("untracked");
        var run = CliRun.Invoke(fixture.Path, null, "audit", fixture.Path, "--format", "json", "--output-dir", fixture.Path);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.DoesNotContain("gate:", run.Error);
    }

    [Theory]
    [InlineData("2", ExitCodes.Success)]
    [InlineData("3", ExitCodes.GateFailed)]
    public void Min_level_gates_on_the_attained_level(string minLevel, int expected)
    {
        using var fixture = Fixture.Unpack("tracked-file");
        using var output = new TempFolder();
        var run = CliRun.Invoke(fixture.Path, null, "audit", fixture.Path, "--min-level", minLevel, "--format", "json,sarif,junit,markdown,html", "--output-dir", output.Path);

        Assert.Equal(expected, run.ExitCode);
        Assert.Contains(expected == 0 ? "gate: passed" : "gate: failed: maturity level 2 is below --min-level 3", run.Error);
        foreach (var name in new[] { "report.json", "report.sarif", "report.junit.xml", "report.md", "report.html" })
        {
            Assert.True(File.Exists(output.Combine(name)), $"{name} was not written before the gate decided");
        }
    }

    [Theory]
    [InlineData("high", ExitCodes.GateFailed)]
    [InlineData("HIGH", ExitCodes.GateFailed)]
    [InlineData("critical", ExitCodes.Success)]
    public void Fail_on_gates_on_the_severity_of_failing_findings(string severity, int expected)
    {
        using var fixture = Fixture.Unpack("untracked");
        using var output = new TempFolder();
        var run = CliRun.Invoke(fixture.Path, null, "audit", fixture.Path, "--fail-on", severity, "--format", "json", "--output-dir", output.Path);

        Assert.Equal(expected, run.ExitCode);
        if (expected == ExitCodes.GateFailed)
        {
            Assert.Contains("MLA-0002", run.Error);
        }

        Assert.True(File.Exists(output.Combine("report.json")));
    }

    [Fact]
    public void Baseline_with_the_same_failures_passes_and_reports_nothing_regressed()
    {
        using var fixture = Fixture.Unpack("untracked");
        using var output = new TempFolder();
        var baseline = SaveReport(fixture.Path, output.Combine("baseline"));
        var run = CliRun.Invoke(fixture.Path, null, "audit", fixture.Path, "--baseline", baseline, "--fail-on", "info", "--format", "json", "--output-dir", output.Path);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("baseline: nothing regressed", run.Error);
        Assert.Contains("gate: passed", run.Error);
    }

    [Fact]
    public void Baseline_fails_on_findings_that_newly_fail_and_lists_them()
    {
        using var good = Fixture.Unpack("tracked-file");
        using var bad = Fixture.Unpack("untracked");
        using var output = new TempFolder();
        var baseline = SaveReport(good.Path, output.Combine("baseline"));
        var run = CliRun.Invoke(bad.Path, null, "audit", bad.Path, "--baseline", baseline, "--format", "json", "--output-dir", output.Path);

        Assert.Equal(ExitCodes.GateFailed, run.ExitCode);
        Assert.Contains("baseline: regressed: ", run.Error);
        Assert.Contains("MLA-0002 (pass -> fail)", run.Error);
        Assert.Contains("newly failing against the baseline", run.Error);
    }

    [Fact]
    public void Baseline_lists_what_improved()
    {
        using var good = Fixture.Unpack("tracked-file");
        using var bad = Fixture.Unpack("untracked");
        using var output = new TempFolder();
        var baseline = SaveReport(bad.Path, output.Combine("baseline"));
        var run = CliRun.Invoke(good.Path, null, "audit", good.Path, "--baseline", baseline, "--format", "json", "--output-dir", output.Path);

        // The untracked project had nothing to fail on for rules that need runs (not applicable); the tracked
        // project newly fails one of them, so the baseline gate lists it as a regression and fails.
        Assert.Contains("baseline: improved: MLA-0002 (fail -> pass)", run.Error);
        Assert.Contains("MLA-0017 (not-applicable -> fail)", run.Error);
        Assert.Equal(ExitCodes.GateFailed, run.ExitCode);
    }

    [Theory]
    [InlineData("--min-level", "7", "use a level from 0 to 4")]
    [InlineData("--min-level", "two", "two")]
    [InlineData("--fail-on", "severe", "unknown severity 'severe'")]
    [InlineData("--baseline", "missing.json", "--baseline missing.json: cannot be read")]
    public void Bad_gate_options_are_input_errors(string option, string value, string message)
    {
        using var folder = new TempFolder();
        var run = CliRun.Invoke(folder.Path, null, "audit", folder.Path, option, value);

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Contains(message, run.Error);
    }

    [Fact]
    public void Baseline_that_is_not_a_report_is_an_input_error()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("baseline.json"), "{ \"something\": [] }");
        File.WriteAllText(folder.Combine("broken.json"), "{ not json");

        Assert.Equal(ExitCodes.InputError, CliRun.Invoke(folder.Path, null, "audit", folder.Path, "--baseline", "baseline.json").ExitCode);
        var broken = CliRun.Invoke(folder.Path, null, "audit", folder.Path, "--baseline", "broken.json");
        Assert.Equal(ExitCodes.InputError, broken.ExitCode);
        Assert.Single(broken.Error.Trim().Split('\n'));
    }

    [Fact]
    public void Broken_override_template_is_an_input_error()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("report.html"), "{{ for x in }}");
        var run = CliRun.Invoke(folder.Path, null, "audit", folder.Path, "--format", "html", "--templates", folder.Path, "--output-dir", folder.Combine("out"));

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Contains("--templates report.html", run.Error);
    }

    [Fact]
    public void A_bug_exits_with_the_internal_error_code()
    {
        using var folder = new TempFolder();
        var error = new StringWriter();
        var environment = new CliEnvironment
        {
            Out = new StringWriter(),
            Error = error,
            CurrentDirectory = folder.Path,
            Variables = _ => null,
            Clock = () => throw new InvalidOperationException("the clock broke"),
        };

        Assert.Equal(ExitCodes.InternalError, MlauditCli.Run(["audit", folder.Path], environment));
        Assert.Contains("internal error", error.ToString());
    }

    [Fact]
    public void Baseline_and_history_still_read_schema_version_1_reports()
    {
        using var good = Fixture.Unpack("tracked-file");
        using var bad = Fixture.Unpack("untracked");
        using var output = new TempFolder();
        using var history = new TempFolder();
        var v1 = ToSchemaVersion1(File.ReadAllText(SaveReport(bad.Path, output.Combine("baseline"))));
        Assert.Contains("\"status\": \"met\"", v1);
        File.WriteAllText(output.Combine("v1.json"), v1);
        File.WriteAllText(history.Combine("mlaudit-20260101T000000Z.json"), v1);

        var run = CliRun.Invoke(good.Path, null, "audit", good.Path, "--baseline", output.Combine("v1.json"), "--history", history.Path, "--format", "json", "--output-dir", output.Path);

        Assert.NotEqual(ExitCodes.InputError, run.ExitCode);
        Assert.Contains("baseline: improved: MLA-0002 (fail -> pass)", run.Error);
        var points = System.Text.Json.JsonDocument.Parse(File.ReadAllText(output.Combine("report.json"))).RootElement.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal([0, 2], points.Select(p => p.GetProperty("level").GetInt32()));
    }

    /// <summary>What a schemaVersion 1 report said: status met, no reached or mustApply; dated earlier, as history is.</summary>
    private static string ToSchemaVersion1(string json) =>
        System.Text.RegularExpressions.Regex.Replace(
            json.Replace("\"schemaVersion\": \"2\"", "\"schemaVersion\": \"1\"").Replace("\"status\": \"reached\"", "\"status\": \"met\"").Replace("\"status\": \"criteria-met\"", "\"status\": \"met\""),
            @"\s*""(reached|mustApply)"": (true|false),", "")
        .Replace("\"generatedAt\": \"2026-11-27", "\"generatedAt\": \"2026-01-01");

    private static string SaveReport(string project, string folder)
    {
        var run = CliRun.Invoke(project, null, "audit", project, "--format", "json", "--output-dir", folder);
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        return Path.Combine(folder, "report.json");
    }
}
