using System.Diagnostics;
using System.Text.Json;
using Auditor.Testing;

namespace Auditor.Cli.Tests;

/// <summary>
/// Hostile paths and oversized repository files, each built from a real fixture: artifact locations that try to leave
/// the project (<c>..</c> in every spelling, absolute paths, file URIs, drive and UNC paths, links, NUL), git files made
/// huge with sparse files, trees nested thousands deep. Beside each project sits a model folder whose files carry a
/// marker; no output may show it, and no version may count its artifact present through it. Every audit completes,
/// writes every report, and says what it refused.
/// </summary>
public sealed class HostilePathTests
{
    /// <summary>Planted in the MLmodel, requirements.txt and a secret file outside the project; never in any output.</summary>
    private const string Marker = "OUTSIDEMARKER7f3a";

    private const string Run = "mlruns/223552200274546031/751d23cfeb8f4f9996c501d07630516f";
    private const string Version2 = "mlruns/models/nyc-taxi-regressor/version-2/meta.yaml";
    private const string Climb = "/nonexistent/x/mlruns/../../outside/model";

    /// <summary>One hostile project (the action gets the project and the outside folder) and what its report must say.</summary>
    private sealed record Case(string Fixture, Action<string, string> Break, Action<JsonElement> Check);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        // Recorded locations that climb out of the file store; the first is the regression the issue reports.
        ["source climbs out after mlruns with .."] = FileVersion(Climb, "climbs out of the store"),
        ["source climbs out with %2e%2e"] = FileVersion("/nonexistent/x/mlruns/%2e%2e/%2e%2e/outside/model", "climbs out of the store"),
        ["source climbs out with %2E%2E%2F"] = FileVersion("/nonexistent/x/mlruns/%2E%2E%2F%2E%2E%2Foutside/model", "climbs out of the store"),
        ["source climbs out with mixed .%2e and %2E."] = FileVersion("/nonexistent/x/mlruns/.%2e/%2E./outside/model", "climbs out of the store"),
        ["source climbs out with double-encoded %252e%252e"] = FileVersion("file:///nonexistent/x/mlruns/%252e%252e/%252e%252e/outside/model", "climbs out of the store"),
        ["source climbs out with backslashes in a drive path"] = FileVersion(@"C:\nonexistent\mlruns\..\..\outside\model", "climbs out of the store"),
        ["source climbs out of a UNC path"] = FileVersion(@"\\fileserver\share\mlruns\..\..\outside\model", "climbs out of the store"),

        // Absolute locations that exist, outside everything the audit may read.
        ["source is an absolute path outside the project"] = FileVersion("{outside}/model", "outside the project, the store and the artifact roots"),
        ["source is file:///abs outside the project"] = FileVersion("file://{outside}/model", "outside the project, the store and the artifact roots"),
        ["source is file:/abs outside the project"] = FileVersion("file:{outside}/model", "outside the project, the store and the artifact roots"),
        ["source is file://host/abs outside the project"] = FileVersion("file://buildhost{outside}/model", "outside the project, the store and the artifact roots"),
        ["source climbs from the project to a sibling folder"] = FileVersion("{project}/../outside/model", "outside the project, the store and the artifact roots"),

        // Links, NUL, control characters and absurd lengths.
        ["model folder is a link out of the store"] = new("tracked-file", (p, o) => LinkFolder(P(p, Run, "artifacts/model"), P(o, "model")), r => Refused(r, "outside the project, the store and the artifact roots")),
        ["MLmodel is a link out of the store"] = new("tracked-file", (p, o) => LinkFile(P(p, Run, "artifacts/model/MLmodel"), P(o, "model/MLmodel")), r => Refused(r, "MLmodel is a symbolic link out of")),
        ["source holds a NUL byte"] = FileVersion("/nonexistent/x/mlruns/\0/../../outside/model", "holds a NUL character"),
        ["source holds terminal escapes and a newline"] = FileVersion("/nonexistent/x/mlruns/\u001b[2J\n/../../../outside/model", "climbs out of the store"),
        ["source of 10,000 characters"] = FileVersion("/nonexistent/mlruns/" + new string('a', 10_000), "longer than 4096 characters"),
        ["source with a segment of 300 bytes"] = new("tracked-file", (p, _) => SetVersion(p, "/nonexistent/mlruns/" + new string('\u00e9', 150) + "/model"), r => Assert.Equal("missing", Artifact(r))),

        // The SQLite store: versions and runs rewritten with Microsoft.Data.Sqlite.
        ["sqlite version source climbs out"] = new("tracked-sqlite", (p, _) => Sql(p, $"UPDATE model_versions SET source = '{Climb}', storage_location = '{Climb}' WHERE name = 'nyc-taxi-regressor' AND version = 2"), r => Refused(r, "climbs out of the store")),
        ["sqlite run artifact_uri climbs out under runs:/"] = new("tracked-sqlite", (p, _) => Sql(p,
            "UPDATE runs SET artifact_uri = '/nonexistent/x/mlruns/../../outside' WHERE run_uuid = (SELECT run_id FROM model_versions WHERE name = 'nyc-taxi-regressor' AND version = 2);" +
            "UPDATE model_versions SET source = 'runs:/' || run_id || '/model', storage_location = NULL WHERE name = 'nyc-taxi-regressor' AND version = 2"), r => Refused(r, "climbs out of the store")),
        ["sqlite source is a Windows path of the same store"] = new("tracked-sqlite", (p, _) => Sql(p,
            @"UPDATE model_versions SET source = replace(replace(source, '/home/alice/projects/tracked-sqlite', 'C:\Users\alice\tracked-sqlite'), '/', '\'), storage_location = NULL WHERE name = 'nyc-taxi-regressor' AND version = 2"),
            r => Assert.Equal(("present", "reproducible"), (Artifact(r), Trace(r).GetProperty("verdict").GetString()))),

        // Repository files made huge (sparse): the repository is not opened, the audit goes on.
        ["git index of 2 GB"] = new("tracked-file", (p, _) => Sparse(P(p, ".git/index"), 2L << 30), r => GitRefused(r, ".git/index: 2147483648 bytes, over the 256 MiB bound for the git index")),
        ["git pack of 17 GB"] = new("tracked-file", (p, _) => Sparse(P(p, ".git/objects/pack/pack-0000000000000000000000000000000000000000.pack"), 17L << 30), r => GitRefused(r, "over the 16 GiB bound for a pack file")),
        ["git pack index of 2 GB"] = new("tracked-file", (p, _) => Sparse(P(p, ".git/objects/pack/pack-0000000000000000000000000000000000000000.idx"), 2L << 30), r => GitRefused(r, "over the 1 GiB bound for a pack index")),
        ["git loose commit of 1 GB"] = new("tracked-file", (p, _) => Sparse(LooseHead(p), 1L << 30), r => GitRefused(r, "over the 64 MiB bound for a loose object")),
        ["git packed-refs of 1 GB"] = new("tracked-file", (p, _) => Sparse(P(p, ".git/packed-refs"), 1L << 30), r => GitRefused(r, "over the 128 MiB bound for packed refs")),
        ["git config of 100 MB"] = new("tracked-file", (p, _) => Sparse(P(p, ".git/config"), 100L << 20), r => GitRefused(r, ".git/config: 104857600 bytes, over the 16 MiB bound for a git file")),
        ["git HEAD of 100 MB"] = new("tracked-file", (p, _) => Sparse(P(p, ".git/HEAD"), 100L << 20), r => GitRefused(r, ".git/HEAD: 104857600 bytes")),

        // Trees nested deep, and names no tool expects.
        ["3,000 nested folders in the project"] = new("untracked", (p, _) => Nest(P(p, "nest"), 3000), r => Problem(r, "more than 64 folders deep: not looked at")),
        ["1,000 nested folders in a run's tags"] = new("tracked-file", (p, _) => Nest(P(p, Run, "tags"), 1000), r => Assert.Equal(15, r.GetProperty("inventory").GetProperty("runs").GetProperty("total").GetInt32())),
        ["file names with newlines, escapes and invalid UTF-8"] = new("untracked", (p, _) => OddNames(p), r => Problem(r, "the name is not valid UTF-8: not looked at")),
    };

    public static TheoryData<string> Names => new(Cases.Keys);

    [Fact]
    public void The_corpus_has_at_least_sixteen_cases() => Assert.True(Cases.Count >= 16, $"{Cases.Count} cases");

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_hostile_path_is_refused_or_bounded_and_the_audit_completes(string name)
    {
        var (fixtureName, breakIt, check) = Cases[name];
        using var fixture = Fixture.Unpack(fixtureName);
        using var output = new TempFolder();
        try
        {
            await Audit(name, fixture.Path, output, breakIt, check);
        }
        finally
        {
            // Trees too deep for a full path and names that are not UTF-8 are beyond .NET's delete: rm walks them relatively.
            Shell(Path.GetDirectoryName(fixture.Path)!, "rm -rf -- \"$0\"", fixture.Path);
        }
    }

    private static async Task Audit(string name, string project, TempFolder output, Action<string, string> breakIt, Action<JsonElement> check)
    {
        var outside = PlantOutside(project);
        breakIt(project, outside);

        var clock = Stopwatch.StartNew();
        var audit = Task.Run(() => CliRun.Invoke(project, null, "audit", project, "--format", "console,json,html,markdown,junit,sarif", "--output-dir", output.Path));
        Assert.True(await Task.WhenAny(audit, Task.Delay(TimeSpan.FromSeconds(60))) == audit, $"{name}: the audit did not finish in 60 s");
        var run = await audit;

        Assert.True(run.ExitCode == ExitCodes.Success, $"{name}: exit {run.ExitCode}: {run.Error}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"{name}: {clock.Elapsed}");
        var reports = OutputSafety.AssertSafe(output.Path, [Marker], run.Out, run.Error).Select(Path.GetFileName);
        Assert.Equal(["report.html", "report.json", "report.junit.xml", "report.md", "report.sarif"], reports);
        var report = JsonDocument.Parse(File.ReadAllText(output.Combine("report.json"))).RootElement;
        Assert.DoesNotContain(report.GetProperty("trace").EnumerateArray(), t => t.GetProperty("artifact").GetString() == "present" && t.GetProperty("artifactUri").GetString()!.Contains("outside", StringComparison.Ordinal));
        check(report);
    }

    /// <summary>The 2 GB index, audited by the CLI as a child process: libgit2 never reads it (before the bound: 57 s and 2.1 GB).</summary>
    [Fact]
    public async Task A_two_gigabyte_git_index_costs_neither_time_nor_memory()
    {
        using var fixture = Fixture.Unpack("tracked-file");
        using var output = new TempFolder();
        Sparse(P(fixture.Path, ".git/index"), 2L << 30);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "mlaudit.dll"), "audit", fixture.Path, "--format", "json", "--output-dir", output.Path })
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var standardError = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        long peak = 0;
        while (!process.WaitForExit(20))
        {
            peak = Math.Max(peak, HighWaterMark(process.Id));
        }

        Assert.True(process.ExitCode == ExitCodes.Success, await standardError);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"{clock.Elapsed}");
        Assert.InRange(peak, 1, 1L << 30);
        GitRefused(JsonDocument.Parse(File.ReadAllText(output.Combine("report.json"))).RootElement, ".git/index: 2147483648 bytes");
    }

    /// <summary>A model and a secret beside the project, each carrying the marker; returns their folder.</summary>
    private static string PlantOutside(string project)
    {
        var outside = Path.Combine(Path.GetDirectoryName(project)!, "outside");
        Directory.CreateDirectory(Path.Combine(outside, "model"));
        File.WriteAllText(Path.Combine(outside, "model", "MLmodel"), $"run_id: {Marker}\nmodel_uuid: {Marker}\nflavors:\n  {Marker}: {{}}\n  python_function: {{}}\nmlflow_version: {Marker}\n");
        File.WriteAllText(Path.Combine(outside, "model", "requirements.txt"), $"{Marker}==1.0\n");
        File.WriteAllText(Path.Combine(outside, "secret.txt"), Marker);
        return outside;
    }

    private static Case FileVersion(string source, string reason) =>
        new("tracked-file", (p, o) => SetVersion(p, source.Replace("{outside}", o, StringComparison.Ordinal).Replace("{project}", p, StringComparison.Ordinal)), r => Refused(r, reason));

    /// <summary>Version 2's source and storage location in the file store, written as a YAML double-quoted string.</summary>
    private static void SetVersion(string project, string source)
    {
        var file = P(project, Version2);
        var quoted = JsonSerializer.Serialize(source);
        var lines = File.ReadAllLines(file).Select(l => l.StartsWith("source: ", StringComparison.Ordinal) ? "source: " + quoted : l.StartsWith("storage_location: ", StringComparison.Ordinal) ? "storage_location: " + quoted : l);
        File.WriteAllLines(file, lines);
    }

    private static JsonElement Trace(JsonElement report) =>
        report.GetProperty("trace").EnumerateArray().Single(t => t.GetProperty("model").GetString() == "nyc-taxi-regressor" && t.GetProperty("version").GetInt32() == 2);

    private static string? Artifact(JsonElement report) => Trace(report).GetProperty("artifact").GetString();

    /// <summary>Version 2's artifact is unknown (never present), it is not reproducible on it, and a problem line says why.</summary>
    private static void Refused(JsonElement report, string reason)
    {
        var trace = Trace(report);
        Assert.Equal("unknown", trace.GetProperty("artifact").GetString());
        Assert.NotEqual("reproducible", trace.GetProperty("verdict").GetString());
        Assert.Contains("the model location leads outside the store and was not read", trace.GetProperty("gaps").EnumerateArray().Select(g => g.GetString()));
        Problem(report, reason);
    }

    /// <summary>The repository was not opened: its rules are unknown and one problem line names the file and its size.</summary>
    private static void GitRefused(JsonElement report, string text)
    {
        var problem = Assert.Single(report.GetProperty("problems").EnumerateArray(), p => p.GetString()!.Contains(text, StringComparison.Ordinal)).GetString()!;
        Assert.StartsWith("repository: ", problem, StringComparison.Ordinal);
        Assert.EndsWith("the repository was not opened", problem, StringComparison.Ordinal);
        var commitRule = report.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("ruleId").GetString() == "MLA-0001");
        Assert.Equal("unknown", commitRule.GetProperty("outcome").GetString());
    }

    private static void Problem(JsonElement report, string text) =>
        Assert.Contains(report.GetProperty("problems").EnumerateArray(), p => p.GetString()!.Contains(text, StringComparison.Ordinal));

    private static string P(string root, params string[] parts) => Path.Combine([root, .. parts.SelectMany(s => s.Split('/'))]);

    private static void Sparse(string file, long length) => HostileInputTests.Sparse(file, length);

    private static string LooseHead(string project)
    {
        var head = File.ReadAllText(P(project, ".git/refs/heads/main")).Trim();
        var file = P(project, ".git/objects", head[..2], head[2..]);
        File.SetAttributes(file, FileAttributes.Normal);
        return file;
    }

    private static void LinkFolder(string folder, string target)
    {
        Directory.Delete(folder, recursive: true);
        Directory.CreateSymbolicLink(folder, target);
    }

    private static void LinkFile(string file, string target)
    {
        File.Delete(file);
        File.CreateSymbolicLink(file, target);
    }

    /// <summary>
    /// Folders nested about <paramref name="depth"/> deep. The full path soon passes what the system takes in one call, so
    /// the tree is built inside out: each chain of 500 folders is made at a short path, and what was built so far is
    /// moved into its innermost folder.
    /// </summary>
    private static void Nest(string folder, int depth)
    {
        var work = folder + ".work";
        var chain = string.Join('/', Enumerable.Repeat("d", 500));
        string? top = null;
        for (var built = 0; built < depth; built += 500)
        {
            var fresh = Path.Combine(work, $"c{built}");
            var innermost = Path.Combine(fresh, chain);
            Directory.CreateDirectory(innermost);
            if (top is null)
            {
                File.WriteAllText(Path.Combine(innermost, "leaf.txt"), Marker);
            }
            else
            {
                Directory.Move(top, Path.Combine(innermost, "d"));
            }

            top = fresh;
        }

        if (Directory.Exists(folder))
        {
            Directory.Move(top!, Path.Combine(folder, "deep"));
        }
        else
        {
            Directory.Move(top!, folder);
        }

        Directory.Delete(work);
    }

    private static void Shell(string folder, string script, params string[] arguments)
    {
        var shell = new ProcessStartInfo("/bin/sh") { WorkingDirectory = folder };
        foreach (var argument in new[] { "-c", script }.Concat(arguments))
        {
            shell.ArgumentList.Add(argument);
        }

        using var process = Process.Start(shell)!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    /// <summary>Names with a newline and an escape sequence, and one whose bytes are not UTF-8 (made by the shell).</summary>
    private static void OddNames(string project)
    {
        File.WriteAllText(Path.Combine(project, "evil\n\u001b]0;pwned\u0007\u001b[2J.py"), "import os\n");
        Directory.CreateDirectory(Path.Combine(project, "tests\n\u001b[31m"));
        Shell(project, "printf 'flask==1\\n' > \"$(printf 'requirements-\\377\\376.txt')\"");
    }

    private static void Sql(string project, string statements) => HostileInputTests.Sql(Path.Combine(project, "mlflow.db"), statements);

    /// <summary>The process's peak resident memory (VmHWM, bytes), or 0 once it is gone.</summary>
    private static long HighWaterMark(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
