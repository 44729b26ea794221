using System.Diagnostics;
using System.Text.Json;
using Auditor.Testing;

namespace Auditor.Cli.Tests;

/// <summary>
/// <c>-o/--output</c> writes one format to one file or standard output; <c>--output-dir</c> keeps the folder; paths
/// that cannot be written are exit 2 with one line.
/// </summary>
public sealed class OutputOptionTests
{
    [Fact]
    public void Json_to_standard_output_parses_and_the_console_summary_goes_to_standard_error()
    {
        using var fixture = Fixture.Unpack("tracked-file");
        var run = CliRun.Invoke(fixture.Path, null, "audit", "-f", "console,json", "-o", "-");

        Assert.True(run.ExitCode == 0, run.Error);
        var report = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal("2", report.GetProperty("schemaVersion").GetString());
        Assert.Contains("maturity level", run.Error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("wrote", run.Error);
        Assert.False(Directory.Exists(Path.Combine(fixture.Path, "-")), "-o - created a folder named '-'");
    }

    [Fact]
    public async Task Built_cli_output_pipes_into_python_json_tool()
    {
        if (!File.Exists("/usr/bin/python3"))
        {
            return;
        }

        using var fixture = Fixture.Unpack("tracked-file");
        var dll = Path.Combine(AppContext.BaseDirectory, "mlaudit.dll");
        var start = new ProcessStartInfo("bash") { WorkingDirectory = fixture.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"set -o pipefail; dotnet '{dll}' audit -f json -o - | python3 -m json.tool");
        using var process = Process.Start(start)!;
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var error = process.StandardError.ReadToEndAsync(deadline.Token);
        await process.WaitForExitAsync(deadline.Token);

        Assert.True(process.ExitCode == 0, await error);
        Assert.Contains("\"schemaVersion\": \"2\"", await output);
    }

    [Fact]
    public void One_format_to_a_file_writes_only_that_file()
    {
        using var fixture = Fixture.Unpack("tracked-file");
        using var output = new TempFolder();
        var run = CliRun.Invoke(fixture.Path, null, "audit", "-f", "sarif", "-o", output.Combine("results.sarif"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(["results.sarif"], Directory.EnumerateFileSystemEntries(output.Path).Select(Path.GetFileName));
        Assert.Equal("2.1.0", JsonDocument.Parse(File.ReadAllText(output.Combine("results.sarif"))).RootElement.GetProperty("version").GetString());
        Assert.Empty(run.Out);
    }

    [Fact]
    public void Output_to_an_existing_file_with_two_formats_is_exit_2_with_the_migration()
    {
        using var fixture = Fixture.Unpack("tracked-file");
        using var output = new TempFolder();
        File.WriteAllText(output.Combine("existing"), "keep");
        var run = CliRun.Invoke(fixture.Path, null, "audit", "-f", "json,sarif", "-o", output.Combine("existing"));

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--output-dir", line);
        Assert.Contains("(json, sarif)", line);
        Assert.Equal("keep", File.ReadAllText(output.Combine("existing")));
    }

    [Fact]
    public void Output_naming_a_folder_is_exit_2_pointing_at_output_dir()
    {
        using var fixture = Fixture.Unpack("tracked-file");
        using var output = new TempFolder();
        var run = CliRun.Invoke(fixture.Path, null, "audit", "-f", "json", "-o", output.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"use --output-dir {output.Path}", run.Error);
        Assert.Empty(Directory.EnumerateFileSystemEntries(output.Path));
    }

    [Theory]
    [InlineData("-o", "blocker/report.json")]
    [InlineData("--output-dir", "blocker")]
    public void Existing_file_in_the_way_of_an_output_is_exit_2_with_one_line_not_a_stack_trace(string option, string target)
    {
        using var fixture = Fixture.Unpack("tracked-file");
        using var output = new TempFolder();
        File.WriteAllText(output.Combine("blocker"), "a file, not a folder");
        var run = CliRun.Invoke(fixture.Path, null, "audit", "-f", "json", option, output.Combine(target));

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("mlaudit: error: ", line);
        Assert.Contains("cannot write the report", line);
    }
}
