using System.Diagnostics;
using System.Globalization;
using Auditor.Benchmarks.Git;
using Auditor.Evidence.Git;
using LibGit2Sharp;

// Usage: dotnet run -c Release --project src/Auditor.Benchmarks.Git -- [commits] [lookups] [runs] [repository folder]
var commits = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var lookups = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 7;
var path = args.Length > 3 ? args[3] : Path.Combine(Path.GetTempPath(), $"mlaudit-bench-{commits}");

var build = Stopwatch.StartNew();
var all = SyntheticRepository.Ensure(path, commits);
Console.WriteLine($"repository: {path}, {all.Count} commits, ready in {build.Elapsed.TotalSeconds:F1} s");

if (Environment.GetEnvironmentVariable("BENCH_COLLECT") is not null)
{
    foreach (var maxCommits in new[] { 0, 5_000 })
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var collect = Stopwatch.StartNew();
        var evidence = GitRepositoryCollector.Collect(path, new GitCollectionOptions { LargeBlobMaxCommits = maxCommits }).Value!;
        Console.WriteLine($"repository collection, large-blob scan of {maxCommits} commits: {collect.ElapsedMilliseconds} ms wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:F0} ms CPU ({evidence.CommitCount} commits)");
    }
}

// 90% real commits spread over the history, 10% SHAs that are not in the repository.
var random = new Random(42);
var real = all.ToArray();
random.Shuffle(real);
var absent = Enumerable.Range(0, lookups / 10).Select(_ => Convert.ToHexStringLower(random.GetItems(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), 20)));
var shas = real.Take(lookups - (lookups / 10)).Concat(absent).ToList();

if (Environment.GetEnvironmentVariable("BENCH_SPLIT") is not null)
{
    using var repository = new Repository(path);
    var lookupOnly = Stopwatch.StartNew();
    var present = shas.Take(lookups - (lookups / 10)).Count(s => repository.Lookup(new ObjectId(s), ObjectType.Commit) is not null);
    Console.WriteLine($"lookups only ({present} present): {lookupOnly.ElapsedMilliseconds} ms");
    CommitResolver.Resolve(repository, [all[^1]]);
    var oneOld = Stopwatch.StartNew();
    CommitResolver.Resolve(repository, [all[0]]);
    Console.WriteLine($"resolve the root commit only (full walk): {oneOld.ElapsedMilliseconds} ms");
}

var timings = new List<double>();
for (var run = 0; run < runs; run++)
{
    var watch = Stopwatch.StartNew();
    using (var repository = new Repository(path))
    {
        var resolved = CommitResolver.Resolve(repository, shas);
        watch.Stop();
        if (run == 0)
        {
            Console.WriteLine($"distinct SHAs: {shas.Count}; present {resolved.Count(r => r.State == Auditor.Core.Evidence.CommitPresence.Present)}, reachable {resolved.Count(r => r.Reachable == true)}");
        }
    }

    timings.Add(watch.Elapsed.TotalMilliseconds);
    var reference = Stopwatch.StartNew();
    SyntheticRepository.RevListAll(path);
    Console.WriteLine($"run {run + 1}: {watch.Elapsed.TotalMilliseconds:F0} ms (reference, same moment: git rev-list --all {reference.Elapsed.TotalMilliseconds:F0} ms)");
}

timings.Sort();
var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
Console.WriteLine($"load average: {load}; cores: {Environment.ProcessorCount}");
Console.WriteLine($"median: {timings[timings.Count / 2]:F0} ms (min {timings[0]:F0}, max {timings[^1]:F0}) over {runs} runs");
