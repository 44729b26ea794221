using Auditor.Testing;

namespace Auditor.Cli.Tests;

public sealed class ExitCodeTests
{
    [Fact]
    public void Missing_project_folder_is_an_input_error()
    {
        var run = CliRun.Invoke(Path.GetTempPath(), null, "audit", "/definitely/not/here");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Contains("/definitely/not/here", run.Error);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    [Fact]
    public void Unknown_option_is_a_usage_error()
    {
        var run = CliRun.Invoke(Path.GetTempPath(), null, "audit", "--no-such-option");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Contains("--no-such-option", run.Error);
    }

    [Fact]
    public void Unknown_format_is_a_usage_error()
    {
        using var folder = new TempFolder();
        var run = CliRun.Invoke(folder.Path, null, "audit", folder.Path, "--format", "pdf");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Contains("unknown format 'pdf'", run.Error);
    }

    [Fact]
    public void Unsupported_tracking_uri_scheme_is_an_input_error()
    {
        using var folder = new TempFolder();
        var run = CliRun.Invoke(folder.Path, null, "audit", folder.Path, "--tracking-uri", "databricks://user:secret@host");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Contains("not supported", run.Error);
        Assert.DoesNotContain("secret", run.Error);
    }

    [Fact]
    public void Broken_rule_folder_is_an_input_error_naming_the_file()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("bad.yaml"), "apiVersion: mlaudit/v1\nkind: Rule\nid: X-1\n  slug: [\n");
        var run = CliRun.Invoke(folder.Path, null, "audit", folder.Path, "--rules", folder.Path);

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Contains("bad.yaml", run.Error);
    }

    [Fact]
    public void Audit_of_a_plain_folder_completes()
    {
        using var folder = new TempFolder();
        var run = CliRun.Invoke(folder.Path, null, "audit", folder.Path);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("Maturity level 0", run.Out);
    }

    [Fact]
    public void Version_and_help_exit_zero()
    {
        Assert.Equal(0, CliRun.Invoke(Path.GetTempPath(), null, "--version").ExitCode);
        var help = CliRun.Invoke(Path.GetTempPath(), null, "audit", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--tracking-uri", help.Out);
    }
}
