using System.Diagnostics;
using Auditor.Core.Evidence;
using Auditor.Core.Tracking;
using Auditor.Evidence.MLflow;

namespace Auditor.Benchmarks;

/// <summary>Reads a store N times; prints the median read time, what was read, and peak memory; optionally the baseline.</summary>
internal static class StoreBenchmark
{
    public static int Run(string target, int repeat, bool compare, bool allocations = false)
    {
        using var sampler = allocations ? new AllocationSampler() : null;
        var location = Locate(target);
        Console.WriteLine($"store: {location.RedactedUri} ({location.Kind}) -> {location.Target}");
        var seconds = new List<double>();
        var baselineSeconds = new List<double>();
        var cpuSeconds = new List<double>();
        var baselineCpu = new List<double>();
        TrackingStore? store = null;
        long heapAfterRead = 0;
        for (var i = 0; i < repeat; i++)
        {
            // The previous store is let go before the next read, so the peak is that of one read.
            store = null;
            GC.Collect();
            store = ReadOnce(location, seconds, cpuSeconds);
            if (store is null)
            {
                return 1;
            }

            heapAfterRead = Math.Max(heapAfterRead, GC.GetTotalMemory(forceFullCollection: true));

            // Interleaved with the reads, so both see the same machine load (the build machine is shared).
            if (compare)
            {
                var (wall, used) = Baseline.Once(location);
                baselineSeconds.Add(wall);
                baselineCpu.Add(used);
            }
        }

        var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine($"read:      {Median.Format(seconds)}; CPU (user+sys) median {Median.Of(cpuSeconds):F3} s");
        Console.WriteLine($"runs read: {store!.Runs.Count:N0} (experiments {store.Experiments.Count}, params {store.Runs.Sum(r => (long)r.Params.Count):N0}, " +
                          $"metric keys {store.Runs.Sum(r => (long)r.Metrics.Count):N0}, tags {store.Runs.Sum(r => (long)r.Tags.Count):N0}, problems {store.Problems.Count})");
        Console.WriteLine($"memory:    peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MB; live heap holding the store {heapAfterRead / 1048576.0:F0} MB; " +
                          $"GC peak-ish committed {GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576.0:F0} MB");
        GC.KeepAlive(store);
        sampler?.Print(top: 20);
        if (compare)
        {
            Console.WriteLine($"baseline:  {Baseline.Command(location)}");
            Console.WriteLine($"baseline:  {Median.Format(baselineSeconds)}; CPU (user+sys) median {Median.Of(baselineCpu):F3} s");
            Console.WriteLine($"ratio:     mlaudit / baseline = {Median.Of(seconds) / Median.Of(baselineSeconds):F2} (medians)");
        }

        return 0;
    }

    /// <summary>Not inlined: nothing of a read stays reachable from the caller's frame but what it returns.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    internal static TrackingStore? ReadOnce(TrackingLocation location, List<double> seconds, List<double> cpuSeconds)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var collections = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var collected = TrackingStoreReader.Collect(location);
        watch.Stop();
        Console.WriteLine($"  read {watch.Elapsed.TotalSeconds:F3} s; allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0:F0} MB; garbage collections gen0/1/2: {GC.CollectionCount(0) - collections.Item1}/{GC.CollectionCount(1) - collections.Item2}/{GC.CollectionCount(2) - collections.Item3}; " +
                          $"peak working set so far {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MB");
        if (collected.State != CollectionState.Present)
        {
            Console.Error.WriteLine("read failed: " + collected.Reason);
            return null;
        }

        seconds.Add(watch.Elapsed.TotalSeconds);
        cpuSeconds.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
        return collected.Value;
    }

    /// <summary>A project folder (with mlruns/ or mlflow.db), an mlruns folder, a .db file, or a tracking URI.</summary>
    internal static TrackingLocation Locate(string target)
    {
        var current = Directory.GetCurrentDirectory();
        if (Directory.Exists(target) && (Directory.Exists(Path.Combine(target, "mlruns")) || File.Exists(Path.Combine(target, "mlflow.db"))))
        {
            return TrackingUriResolver.Resolve(null, Path.GetFullPath(target), _ => null, current)
                   ?? throw new InvalidOperationException(target + ": no store found");
        }

        return target.EndsWith(".db", StringComparison.Ordinal) && File.Exists(target)
            ? TrackingUriResolver.Parse("sqlite:///" + Path.GetFullPath(target), "/")
            : TrackingUriResolver.Parse(target, current);
    }
}
