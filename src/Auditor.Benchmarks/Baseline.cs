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

    /// <summary>Runs the baseline once; returns its wall-clock seconds.</summary>
    public static double Once(TrackingLocation location)
    {
        var command = Command(location);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", command]) { UseShellExecute = false })!;
        process.WaitForExit();
        watch.Stop();
        return process.ExitCode == 0 ? watch.Elapsed.TotalSeconds : throw new InvalidOperationException($"baseline failed with exit code {process.ExitCode}: {command}");
    }
}
