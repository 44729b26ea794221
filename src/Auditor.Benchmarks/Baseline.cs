using System.Diagnostics;
using Auditor.Core.Tracking;
using Auditor.Evidence.MLflow;

namespace Auditor.Benchmarks;

/// <summary>
/// The yardsticks, run on the same store in the same process run: <c>tar cf - mlruns | wc -c</c> for a
/// file store (every file read once), and sqlite3 selecting every tracking table for a SQLite store.
/// </summary>
internal static class Baseline
{
    private const string SqliteQuery =
        "select * from runs; select * from params; select * from tags; select * from latest_metrics; " +
        "select run_uuid,key,count(*) from metrics group by run_uuid,key;";

    public static string Command(TrackingLocation location) =>
        location.Kind == TrackingStoreKind.File
            ? $"cd '{Path.GetDirectoryName(location.Target)}' && tar cf - '{Path.GetFileName(location.Target)}' | wc -c > /dev/null"
            : $"sqlite3 -readonly '{location.Target}' \"{SqliteQuery}\" > /dev/null";

    /// <summary>Runs the baseline once under /usr/bin/time; returns its wall-clock and CPU (user+sys, children included) seconds.</summary>
    public static (double Wall, double Cpu) Once(TrackingLocation location)
    {
        var command = Command(location);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(new ProcessStartInfo("/usr/bin/time", ["-f", "%U %S", "/bin/sh", "-c", command]) { UseShellExecute = false, RedirectStandardError = true })!;
        var times = process.StandardError.ReadToEnd().Trim().Split('\n')[^1].Split(' ');
        process.WaitForExit();
        watch.Stop();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"baseline failed with exit code {process.ExitCode}: {command}");
        }

        var cpu = times.Sum(t => double.Parse(t, System.Globalization.CultureInfo.InvariantCulture));
        return (watch.Elapsed.TotalSeconds, cpu);
    }
}
