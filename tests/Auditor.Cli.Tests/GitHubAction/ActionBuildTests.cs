using System.Diagnostics;
using Auditor.Testing;
using Xunit.Abstractions;

namespace Auditor.Cli.Tests.GitHubAction;

/// <summary>
/// Slow (a Native AOT <c>dotnet publish</c> and the tool packages of <c>.ci/pack-tool</c>, one more AOT compile): the
/// action as <c>uses: owner/mlaudit@v9.8.7</c> downloads it, this repository's files without their git history,
/// installs mlaudit itself, in a workspace whose global.json pins .NET 8: built from the action's own folder with its
/// own global.json as the Native AOT binary, then taken from the build cache; or, with <c>version:</c>, installed with
/// <c>dotnet tool install</c> from a feed, which takes this machine's RID package.
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
        Assert.Contains("mlaudit: building from " + action.ActionPath + " (Native AOT, " + HostRid + ")", first.Log);
        Assert.DoesNotContain("::warning::", first.Log);
        Assert.Equal("2", first.Outputs["level"]);
        Assert.Equal("0", first.Outputs["exit-code"]);
        Assert.Contains("Maturity level 2", first.Summary, StringComparison.OrdinalIgnoreCase);
        var build = Directory.GetDirectories(Path.Combine(workspace.RunnerTemp, "mlaudit-build")).Single();
        var tool = Path.Combine(build, OperatingSystem.IsWindows() ? "mlaudit.exe" : "mlaudit");
        AssertNativeAot(tool);
        Assert.Equal("9.8.7", Run(workspace.Path, tool, "--version").Trim());
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
        // The pointer, this machine's Native AOT package and the framework-dependent 'any' package, as a release ships them.
        Run(action.ActionPath, "bash", ".ci/pack-tool", "--output", feed.Path, "--version", "9.8.8", "--rids", "host", "--pack-only");
        Assert.True(File.Exists(Path.Combine(feed.Path, $"mlaudit.{HostRid}.9.8.8.nupkg")));
        Assert.True(File.Exists(Path.Combine(feed.Path, "mlaudit.any.9.8.8.nupkg")));

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
        // dotnet took this machine's RID package: the command is the AOT binary, not the 'any' fallback.
        var real = new FileInfo(tool).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? tool;
        Assert.Contains($"mlaudit.{HostRid}", real);
        AssertNativeAot(real);
        Assert.False(Directory.Exists(Path.Combine(workspace.RunnerTemp, "mlaudit-build")));
    }

    private static string HostRid => System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;

    /// <summary>A Native AOT build: a native executable (ELF on Linux) with no mlaudit.dll beside it and the native libraries that travel with it.</summary>
    private static void AssertNativeAot(string tool)
    {
        Assert.True(File.Exists(tool), tool);
        var folder = Path.GetDirectoryName(tool)!;
        Assert.False(File.Exists(Path.Combine(folder, "mlaudit.dll")), "mlaudit.dll lies beside " + tool);
        if (OperatingSystem.IsLinux())
        {
            var head = new byte[4];
            using (var stream = File.OpenRead(tool))
            {
                stream.ReadExactly(head);
            }

            Assert.Equal("\u007fELF"u8.ToArray(), head);
            Assert.NotEmpty(Directory.EnumerateFiles(folder, "libgit2-*.so"));
            Assert.True(File.Exists(Path.Combine(folder, "libe_sqlite3.so")), "no libe_sqlite3.so beside " + tool);
        }
    }

    private static string Run(string directory, string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(12)), program + " " + string.Join(' ', args));
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)}: {stdout.Result}{stderr.Result}");
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
