using System.Diagnostics;

namespace Auditor.Testing;

/// <summary>Runs the git command line for fixtures LibGit2Sharp cannot build (shallow clones, submodules).</summary>
public static class GitCli
{
    public static string Run(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-c", "protocol.file.allow=always", "-c", "user.name=Test Author", "-c", "user.email=author@example.com" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed ({process.ExitCode}): {error}");
        }

        return output.Result.Trim();
    }
}
