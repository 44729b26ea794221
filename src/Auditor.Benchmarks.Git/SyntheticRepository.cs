using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Auditor.Benchmarks.Git;

/// <summary>
/// Builds (or reuses) a linear repository of N commits with <c>git fast-import</c>, plus a branch and tags,
/// and returns the SHAs of every commit (from the marks file).
/// </summary>
internal static class SyntheticRepository
{
    public static IReadOnlyList<string> Ensure(string path, int commits)
    {
        var marks = Path.Combine(path, ".git", "bench-marks");
        if (File.Exists(marks))
        {
            var existing = File.ReadAllLines(marks).Select(l => l.Split(' ')[1]).ToList();
            if (existing.Count == commits)
            {
                return existing;
            }
        }

        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }

        Directory.CreateDirectory(path);
        Git(path, null, "init", "--quiet");
        Git(path, Stream(commits), "fast-import", "--quiet", "--export-marks=.git/bench-marks");
        Git(path, null, "checkout", "--quiet", "main");
        return File.ReadAllLines(marks).OrderBy(l => int.Parse(l.Split(' ')[0][1..], CultureInfo.InvariantCulture))
            .Select(l => l.Split(' ')[1]).ToList();
    }

    /// <summary>The same walk done by git itself, printed as a yardstick for the machine's load.</summary>
    public static void RevListAll(string path) => Git(path, null, "rev-list", "--all", "--count", "--quiet");

    private static string Stream(int commits)
    {
        var text = new StringBuilder();
        var start = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        for (var i = 1; i <= commits; i++)
        {
            var content = $"step {i}\n";
            text.Append(CultureInfo.InvariantCulture, $"commit refs/heads/main\nmark :{i}\ncommitter Bench <bench@example.com> {start + (i * 60)} +0000\n");
            text.Append(CultureInfo.InvariantCulture, $"data {Encoding.UTF8.GetByteCount($"commit {i}\n")}\ncommit {i}\n");
            text.Append(CultureInfo.InvariantCulture, $"M 644 inline src/file{i % 100}.txt\ndata {Encoding.UTF8.GetByteCount(content)}\n{content}\n");
            if (i % 10_000 == 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"reset refs/tags/v{i / 10_000}\nfrom :{i}\n\n");
            }
        }

        return text.ToString();
    }

    private static void Git(string path, string? input, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = path, RedirectStandardInput = input is not null, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        if (input is not null)
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
        }

        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} exited with {process.ExitCode}");
        }
    }
}
