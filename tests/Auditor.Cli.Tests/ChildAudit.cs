using System.Diagnostics;

namespace Auditor.Cli.Tests;

/// <summary>
/// Runs the built CLI (<c>mlaudit.dll</c> beside the tests) as a child process and samples its peak resident memory
/// (<c>VmHWM</c> in <c>/proc/PID/status</c>), so a test can tell that an audit stayed within a memory bound.
/// </summary>
internal sealed record ChildAudit(int ExitCode, string Out, string Error, long PeakBytes, TimeSpan Elapsed)
{
    public static ChildAudit Run(string currentDirectory, IReadOnlyDictionary<string, string> variables, TimeSpan within, params string[] args)
    {
        var dotnet = Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet) { WorkingDirectory = currentDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mlaudit.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MLFLOW_", StringComparison.Ordinal) || k.StartsWith("MLAUDIT_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in variables)
        {
            start.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!process.WaitForExit(20))
        {
            peak = Math.Max(peak, HighWaterMark(process.Id));
            if (clock.Elapsed > within)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"mlaudit {string.Join(' ', args)}: no result after {within.TotalSeconds} s");
            }
        }

        return new ChildAudit(process.ExitCode, output.Result, error.Result, peak, clock.Elapsed);
    }

    /// <summary>The process's peak resident set so far, in bytes (0 once it has gone).</summary>
    private static long HighWaterMark(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
