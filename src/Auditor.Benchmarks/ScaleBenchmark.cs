using Auditor.Core.Tracking;

namespace Auditor.Benchmarks;

/// <summary>
/// Whether read time grows linearly: synthetic stores of the same shape at several sizes (generated once, kept in the
/// work folder), read in turn so that every size sees the same machine load, and each median compared with the
/// smallest's. Peak memory per size needs a process of its own: run <c>store</c> on one size for that.
/// </summary>
internal static class ScaleBenchmark
{
    public static int Run(string kind, string workFolder, IReadOnlyList<int> sizes, int repeat, int steps)
    {
        var stores = sizes.Select(runs => (Runs: runs, Folder: Prepare(kind, workFolder, runs, steps))).ToList();
        var seconds = stores.ToDictionary(s => s.Runs, _ => new List<double>());
        var cpu = stores.ToDictionary(s => s.Runs, _ => new List<double>());
        for (var i = 0; i < repeat; i++)
        {
            foreach (var (runs, folder) in stores)
            {
                GC.Collect();
                Console.Write($"{runs,9:N0} runs:");
                if (StoreBenchmark.ReadOnce(StoreBenchmark.Locate(folder), seconds[runs], cpu[runs]) is not { } store || store.Runs.Count != runs)
                {
                    Console.Error.WriteLine($"{folder}: read failed or not {runs} runs");
                    return 1;
                }
            }
        }

        var (smallest, _) = stores[0];
        foreach (var (runs, _) in stores)
        {
            Console.WriteLine($"{runs,9:N0} runs: read {Median.Format(seconds[runs])}; CPU median {Median.Of(cpu[runs]):F3} s; " +
                              $"x{Median.Of(seconds[runs]) / Median.Of(seconds[smallest]):F2} the time for x{(double)runs / smallest:F0} the runs " +
                              $"(CPU x{Median.Of(cpu[runs]) / Median.Of(cpu[smallest]):F2})");
        }

        return 0;
    }

    private static string Prepare(string kind, string workFolder, int runs, int steps)
    {
        var folder = Path.Combine(workFolder, $"{kind}-{runs}-{steps}");
        var marker = Path.Combine(folder, ".complete");
        if (File.Exists(marker))
        {
            return folder;
        }

        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        IStoreGenerator generator = kind == "file" ? new FileStoreGenerator(folder) : new SqliteStoreGenerator(folder, null);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        generator.Write(new SyntheticShape(runs, steps));
        File.WriteAllText(marker, "");
        Console.WriteLine($"generated {folder} in {watch.Elapsed.TotalSeconds:F0} s");
        return folder;
    }
}
