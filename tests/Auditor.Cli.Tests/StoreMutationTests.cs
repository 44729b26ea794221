using System.Diagnostics;
using System.Text;
using Auditor.Testing;

namespace Auditor.Cli.Tests;

/// <summary>
/// Randomized hostile input: real fixture stores are mutated one file at a time (truncated, bytes flipped,
/// deleted, emptied, values swapped for other types, flooded) and audited in-process. The audit must always
/// complete: no crash, never exit code 3, no hang. Fixed seed in CI; for longer local runs set
/// MLAUDIT_FUZZ_SEED and MLAUDIT_FUZZ_CASES.
/// </summary>
public sealed class StoreMutationTests
{
    private static readonly string[] Fixtures = ["tracked-file", "tracked-file-3x", "tracked-sqlite", "tracked-sqlite-3x", "sloppy-file"];
    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(30);

    private enum Mutation { Truncate, FlipBytes, Delete, Empty, SwapType, Garbage, Flood }

    [Fact]
    public void Mutated_stores_never_crash_hang_or_exit_3()
    {
        var seed = int.Parse(Environment.GetEnvironmentVariable("MLAUDIT_FUZZ_SEED") ?? "20261127");
        var cases = int.Parse(Environment.GetEnvironmentVariable("MLAUDIT_FUZZ_CASES") ?? "520");
        var random = new Random(seed);
        var fixtures = Fixtures.Select(Fixture.Unpack).ToList();
        using var output = new TempFolder();
        var failures = new List<string>();
        try
        {
            var files = fixtures.ToDictionary(f => f, StoreFiles);
            for (var i = 0; i < cases; i++)
            {
                var fixture = fixtures[random.Next(fixtures.Count)];
                var file = files[fixture][random.Next(files[fixture].Count)];
                var mutation = (Mutation)random.Next(Enum.GetValues<Mutation>().Length);
                var original = File.ReadAllBytes(file);
                try
                {
                    Mutate(file, original, mutation, random);
                    var description = $"case {i} (seed {seed}): {mutation} {Path.GetRelativePath(fixture.Path, file)} in {fixture.Name}";
                    if (Audit(fixture.Path, output.Path) is { } problem)
                    {
                        failures.Add($"{description}: {problem}");
                    }
                }
                finally
                {
                    File.WriteAllBytes(file, original);
                }
            }
        }
        finally
        {
            fixtures.ForEach(f => f.Dispose());
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    /// <summary>The store's files (and the SQLite database), never the .git folder: git corruption has its own tests.</summary>
    private static List<string> StoreFiles(Fixture fixture) =>
        Directory.EnumerateFiles(fixture.Path, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}.git{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => f.Contains($"{Path.DirectorySeparatorChar}mlruns{Path.DirectorySeparatorChar}", StringComparison.Ordinal) || f.EndsWith("mlflow.db", StringComparison.Ordinal))
            .Where(f => !f.EndsWith(".pkl", StringComparison.Ordinal) && !f.EndsWith(".png", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static void Mutate(string file, byte[] original, Mutation mutation, Random random)
    {
        switch (mutation)
        {
            case Mutation.Truncate:
                File.WriteAllBytes(file, original[..random.Next(original.Length + 1)]);
                break;
            case Mutation.FlipBytes:
                var flipped = (byte[])original.Clone();
                for (var n = 0; n < 1 + random.Next(8) && flipped.Length > 0; n++)
                {
                    flipped[random.Next(flipped.Length)] ^= (byte)(1 << random.Next(8));
                }

                File.WriteAllBytes(file, flipped);
                break;
            case Mutation.Delete:
                File.Delete(file);
                break;
            case Mutation.Empty:
                File.WriteAllBytes(file, []);
                break;
            case Mutation.SwapType:
                var text = Encoding.UTF8.GetString(original);
                var swapped = text.Replace(": '", ": [").Replace("status: 3", "status: {a: b}").Replace("version: ", "version: x").Replace(" 0\n", " zero\n");
                File.WriteAllText(file, swapped == text ? "[1, 2, {three: 4}]" : swapped);
                break;
            case Mutation.Garbage:
                var garbage = new byte[1 + random.Next(4096)];
                random.NextBytes(garbage);
                File.WriteAllBytes(file, garbage);
                break;
            case Mutation.Flood:
                File.WriteAllText(file, string.Concat(Enumerable.Repeat("key: &a [*a, *a, *a]\n", 50)) + new string('x', 200_000));
                break;
        }
    }

    /// <summary>Null when the audit completed as the contract says; otherwise what went wrong.</summary>
    private static string? Audit(string project, string output)
    {
        var run = Task.Run(() => CliRun.Invoke(project, null, "audit", project, "--format", "json,html", "--output-dir", output));
        var clock = Stopwatch.StartNew();
        if (!run.Wait(CaseTimeout))
        {
            return $"no result after {CaseTimeout.TotalSeconds} s";
        }

        var result = run.Result;
        return result.ExitCode == ExitCodes.Success ? null : $"exit {result.ExitCode} after {clock.ElapsedMilliseconds} ms: {result.Error.Split('\n')[0]}";
    }
}
