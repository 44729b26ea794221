using System.Diagnostics;
using Auditor.Testing;

namespace Auditor.Cli.Tests.GitHubAction;

/// <summary>
/// A runner's folders for one job: the workspace is a fixture project (a git repository with its MLflow store) whose
/// own <c>global.json</c> pins an SDK this machine does not have (8.0.100, no roll-forward), as a repository pinned to
/// .NET 8 does; and a <c>RUNNER_TEMP</c>.
/// </summary>
internal sealed class ActionWorkspace : IDisposable
{
    public const string PinnedSdk = "8.0.100";

    private readonly Fixture _fixture;
    private readonly TempFolder _temp = new();

    public ActionWorkspace(string fixture = "tracked-file")
    {
        _fixture = Fixture.Unpack(fixture);
        File.WriteAllText(System.IO.Path.Combine(Path, "global.json"), $$"""{ "sdk": { "version": "{{PinnedSdk}}", "rollForward": "disable" } }""");
        RunnerTemp = _temp.Combine("runner-temp");
        Directory.CreateDirectory(RunnerTemp);
    }

    public string Path => _fixture.Path;

    public string RunnerTemp { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>What <c>dotnet --version</c> says in the workspace: the pinned SDK is not found, so it fails.</summary>
    public (int Code, string Output) DotnetVersionHere()
    {
        var start = new ProcessStartInfo("dotnet", "--version") { WorkingDirectory = Path, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error);
    }

    public void Dispose()
    {
        _fixture.Dispose();
        _temp.Dispose();
    }
}
