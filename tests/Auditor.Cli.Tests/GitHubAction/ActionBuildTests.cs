using System.Diagnostics;
using Auditor.Testing;
using Xunit.Abstractions;

namespace Auditor.Cli.Tests.GitHubAction;

/// <summary>
/// Slow (a <c>dotnet publish</c> and a <c>dotnet pack</c>): the action as <c>uses: owner/mlaudit@v9.8.7</c> downloads
/// it, this repository's files without their git history, installs mlaudit itself, in a workspace whose global.json
/// pins .NET 8: built from the action's own folder with its own global.json, then taken from the build cache; or,
/// with <c>version:</c>, installed with <c>dotnet tool install</c> from a feed.
/// </summary>
public sealed class ActionBuildTests(ActionBuildTests.DownloadedAction download, ITestOutputHelper output) : IClassFixture<ActionBuildTests.DownloadedAction>
{
    [Fact]
    public void Without_a_version_the_action_builds_mlaudit_from_its_own_folder_once_and_then_reuses_the_build()
    {
        var action = download.Runner;
        using var workspace = new ActionWorkspace();
        Assert.NotEqual(0, workspace.DotnetVersionHere().Code);
        var variables = new Dictionary<string, string> { ["GITHUB_ACTION_REF"] = "v9.8.7" };

        var clock = Stopwatch.StartNew();
        var first = action.Run(workspace.Path, workspace.RunnerTemp, new Dictionary<string, string> { ["min-level"] = "2" }, variables);
        output.WriteLine($"first run (build): {clock.Elapsed.TotalSeconds:F0} s");
        output.WriteLine(first.Log);

        Assert.True(first.ExitCode == 0, $"{first.FailedStep} failed: {first.Log}");
        Assert.Contains("mlaudit: building from " + action.ActionPath, first.Log);
        Assert.Equal("2", first.Outputs["level"]);
        Assert.Equal("0", first.Outputs["exit-code"]);
        Assert.Contains("Maturity level 2", first.Summary, StringComparison.OrdinalIgnoreCase);
        var build = Directory.GetDirectories(Path.Combine(workspace.RunnerTemp, "mlaudit-build")).Single();
        var tool = Path.Combine(build, "mlaudit.dll");
        Assert.Equal("9.8.7", Dotnet(workspace.Path, tool, "--version").Trim());
        Assert.Empty(Directory.EnumerateFileSystemEntries(workspace.Path, "obj", SearchOption.AllDirectories));
        var built = File.GetLastWriteTimeUtc(tool);

        File.Delete(workspace.Combine("mlaudit-report", "report.json"));
        clock.Restart();
        var second = action.Run(workspace.Path, workspace.RunnerTemp, new Dictionary<string, string> { ["min-level"] = "2" }, variables);
        output.WriteLine($"second run (cached): {clock.Elapsed.TotalSeconds:F0} s");

        Assert.True(second.ExitCode == 0, $"{second.FailedStep} failed: {second.Log}");
        Assert.Contains("mlaudit: using the cached build in " + build, second.Log);
        Assert.DoesNotContain("building from", second.Log);
        Assert.Equal(built, File.GetLastWriteTimeUtc(tool));
        Assert.True(File.Exists(workspace.Combine("mlaudit-report", "report.json")));
        Assert.Equal("2", second.Outputs["level"]);
    }

    [Fact]
    public void With_a_version_the_action_installs_that_release_with_dotnet_tool_install()
    {
        var action = download.Runner;
        using var workspace = new ActionWorkspace();
        using var feed = new TempFolder();
        Dotnet(action.ActionPath, "pack", "src/Auditor.Cli", "-c", "Release", "-o", feed.Path, "--nologo", "-v", "q", "-p:MinVerVersionOverride=9.8.8");

        var result = action.Run(workspace.Path, workspace.RunnerTemp, new Dictionary<string, string> { ["version"] = "9.8.8", ["nuget-source"] = feed.Path, ["fail-on"] = "high" });
        output.WriteLine(result.Log);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Apply the gate", result.FailedStep);
        Assert.Equal("1", result.Outputs["exit-code"]);
        Assert.Equal("2", result.Outputs["level"]);
        Assert.Contains("was successfully installed", result.Log);
        Assert.DoesNotContain("building from", result.Log);
        var tool = Path.Combine(workspace.RunnerTemp, "mlaudit-tool", "9.8.8", "mlaudit");
        Assert.True(File.Exists(tool), result.Log);
        Assert.False(Directory.Exists(Path.Combine(workspace.RunnerTemp, "mlaudit-build")));
    }

    private static string Dotnet(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(8)), "dotnet " + string.Join(' ', args));
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', args)}: {stdout.Result}{stderr.Result}");
        return stdout.Result;
    }

    /// <summary>This repository's files (tracked and new, without .git, bin or obj), as the runner downloads the action.</summary>
    public sealed class DownloadedAction : IDisposable
    {
        private readonly TempFolder _folder = new();

        public DownloadedAction()
        {
            var root = Path.Combine(_folder.Path, "mlaudit");
            foreach (var file in GitCli.Run(TestPaths.RepositoryRoot, "ls-files", "--cached", "--others", "--exclude-standard").Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var source = Path.Combine(TestPaths.RepositoryRoot, file);
                if (!File.Exists(source))
                {
                    continue;
                }

                var target = Path.Combine(root, file);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(source, target);
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(target, File.GetUnixFileMode(source));
                }
            }

            Runner = new ActionRunner(root);
        }

        internal ActionRunner Runner { get; }

        public void Dispose() => _folder.Dispose();
    }
}
