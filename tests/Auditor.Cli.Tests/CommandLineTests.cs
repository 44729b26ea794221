using Auditor.Testing;

namespace Auditor.Cli.Tests;

/// <summary>Unknown options are errors with a suggestion; --quiet, --verbose, --help and --version.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public void Quiet_is_not_read_as_the_project_path_and_prints_nothing_on_success()
    {
        using var fixture = Fixture.Unpack("tracked-file");
        var run = CliRun.Invoke(fixture.Path, null, "audit", "--quiet");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Empty(run.Out);
        Assert.Empty(run.Error);
    }

    [Fact]
    public void Quiet_still_prints_errors()
    {
        using var folder = new TempFolder();
        var run = CliRun.Invoke(folder.Path, null, "audit", "no-such-folder", "--quiet");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no-such-folder: the project folder does not exist", run.Error);
    }

    [Theory]
    [InlineData("audit", "--quite", "--quiet")]
    [InlineData("audit", "--verbos", "--verbose")]
    [InlineData("audit", "--min-levle", "--min-level")]
    [InlineData("trace", "--moddel", "--model")]
    public void Misspelled_option_is_exit_2_with_a_suggestion(string command, string typo, string suggestion)
    {
        using var folder = new TempFolder();
        var run = CliRun.Invoke(folder.Path, null, command, typo);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"unknown option '{typo}' for '{command}'; did you mean '{suggestion}'?", run.Error);
        Assert.DoesNotContain("project folder does not exist", run.Error);
    }

    [Fact]
    public void Extra_argument_is_an_error()
    {
        using var folder = new TempFolder();
        var run = CliRun.Invoke(folder.Path, null, "audit", folder.Path, "second");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown argument 'second' for 'audit'", run.Error);
    }

    [Fact]
    public void Verbose_prints_the_phases_with_timings()
    {
        using var fixture = Fixture.Unpack("tracked-file");
        var run = CliRun.Invoke(fixture.Path, null, "audit", "--verbose");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Matches(@"mlaudit: audit done at \d+\.\d\d s", run.Error);
        Assert.Matches(@"mlaudit: reports written at \d+\.\d\d s", run.Error);
        Assert.Equal(0, CliRun.Invoke(fixture.Path, null, "audit", "--quiet", "--verbose").ExitCode - 2);
    }

    [Fact]
    public void Help_shows_examples_exit_codes_and_environment_variables()
    {
        using var folder = new TempFolder();
        var run = CliRun.Invoke(folder.Path, null, "audit", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Examples:", run.Out);
        Assert.Contains("-o -", run.Out);
        Assert.Contains("Exit codes:", run.Out);
        Assert.Contains("3  internal error", run.Out);
        Assert.Contains("MLFLOW_TRACKING_URI", run.Out);
        Assert.Contains("MLAUDIT_POLICY", run.Out);
    }

    [Fact]
    public void Version_prints_the_tool_version_without_build_metadata()
    {
        using var folder = new TempFolder();
        var run = CliRun.Invoke(folder.Path, null, "--version");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?\n$", run.Out.Replace("\r", ""));
    }
}
