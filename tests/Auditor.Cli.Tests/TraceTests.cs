using System.Text.Json;
using Auditor.Testing;

namespace Auditor.Cli.Tests;

/// <summary>The reproducibility trace and the pre-release audit, on the real fixtures and on repositories changed by tests.</summary>
public sealed class TraceTests
{
    [Theory]
    [InlineData("tracked-file")]
    [InlineData("tracked-sqlite")]
    [InlineData("tracked-file-3x")]
    [InlineData("tracked-sqlite-3x")]
    public void Every_version_of_a_tracked_project_is_reproducible(string name)
    {
        using var fixture = Fixture.Unpack(name);
        var traces = Traces(fixture.Path);

        Assert.Equal(4, traces.Count);
        Assert.All(traces, t =>
        {
            Assert.Equal("reproducible", t.GetProperty("verdict").GetString());
            Assert.Equal("active", t.GetProperty("runState").GetString());
            Assert.Equal("present", t.GetProperty("commitState").GetString());
            Assert.Equal("pinned", t.GetProperty("environment").GetString());
            Assert.Equal("logged", t.GetProperty("data").GetString());
            Assert.Equal("present", t.GetProperty("artifact").GetString());
            Assert.True(t.GetProperty("entryPointInCommit").GetBoolean());
            Assert.Empty(t.GetProperty("gaps").EnumerateArray());
        });
        var champion = Single(traces, "nyc-taxi-regressor", 2);
        Assert.Equal("Production", champion.GetProperty("stage").GetString());
        Assert.Equal(["champion"], champion.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public void Versions_3x_trace_through_their_logged_model()
    {
        using var fixture = Fixture.Unpack("tracked-file-3x");
        var champion = Single(Traces(fixture.Path), "nyc-taxi-regressor", 2);

        Assert.StartsWith("m-", champion.GetProperty("loggedModel").GetString());
        Assert.Equal("present", champion.GetProperty("artifact").GetString());
        Assert.Contains("sklearn", champion.GetProperty("flavors").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public void Sloppy_store_versions_are_broken_with_their_gaps_named()
    {
        using var fixture = Fixture.Unpack("sloppy-file");
        var traces = Traces(fixture.Path);

        var deletedRun = Single(traces, "taxi-model", 1);
        Assert.Equal("broken", deletedRun.GetProperty("verdict").GetString());
        Assert.Equal("deleted", deletedRun.GetProperty("runState").GetString());
        Assert.Equal("not-recorded", deletedRun.GetProperty("commitState").GetString());
        Assert.Contains(Gaps(deletedRun), g => g.Contains("is deleted"));

        var lostFiles = Single(traces, "taxi-model", 2);
        Assert.Equal("broken", lostFiles.GetProperty("verdict").GetString());
        Assert.Equal("missing", lostFiles.GetProperty("artifact").GetString());
        Assert.Contains(Gaps(lostFiles), g => g.Contains("the model files are missing"));
        Assert.Contains(Gaps(lostFiles), g => g.Contains("does not record the git commit"));

        var collected = Single(traces, "taxi-model", 3);
        Assert.Equal("missing", collected.GetProperty("runState").GetString());
        Assert.Contains(Gaps(collected), g => g.Contains("no longer exists"));

        var noRun = Single(traces, "taxi-model", 4);
        Assert.Equal("missing", noRun.GetProperty("runState").GetString());
        Assert.Contains(Gaps(noRun), g => g.Contains("records no run"));
    }

    [Fact]
    public void Commit_rewritten_away_makes_the_trace_broken()
    {
        using var fixture = Fixture.Unpack("tracked-file");
        GitCli.Run(fixture.Path, "checkout", "-q", "--orphan", "rewritten");
        GitCli.Run(fixture.Path, "commit", "-q", "-m", "History rewritten");
        GitCli.Run(fixture.Path, "branch", "-q", "-D", "main");
        GitCli.Run(fixture.Path, "reflog", "expire", "--expire=now", "--all");
        GitCli.Run(fixture.Path, "gc", "-q", "--prune=now");

        var champion = Single(Traces(fixture.Path), "nyc-taxi-regressor", 2);

        Assert.Equal("missing", champion.GetProperty("commitState").GetString());
        Assert.Equal("broken", champion.GetProperty("verdict").GetString());
        Assert.Contains(Gaps(champion), g => g.Contains("is not in the repository"));
    }

    [Fact]
    public void Shallow_clone_leaves_older_commits_unknown_and_the_trace_partial()
    {
        using var fixture = Fixture.Unpack("tracked-file");
        using var clone = new ShallowFixtureClone(fixture.Path);

        var traces = Traces(clone.Path);
        var onHead = Single(traces, "nyc-taxi-regressor", 3);
        var onOlderCommit = Single(traces, "nyc-taxi-regressor", 2);

        Assert.Equal("reproducible", onHead.GetProperty("verdict").GetString());
        Assert.Equal("unknown", onOlderCommit.GetProperty("commitState").GetString());
        Assert.Equal("partial", onOlderCommit.GetProperty("verdict").GetString());
        Assert.Contains(Gaps(onOlderCommit), g => g.Contains("the clone is shallow") && g.Contains("fetch-depth: 0"));
        Assert.Equal(Gaps(onOlderCommit), onOlderCommit.GetProperty("unchecked").EnumerateArray().Select(g => g.GetString()!));
    }

    [Fact]
    public void Run_deleted_after_registration_breaks_the_trace()
    {
        using var fixture = Fixture.Unpack("tracked-file");
        var meta = Directory.EnumerateFiles(Path.Combine(fixture.Path, "mlruns"), "meta.yaml", SearchOption.AllDirectories)
            .Single(f => Path.GetFileName(Path.GetDirectoryName(f)) == "751d23cfeb8f4f9996c501d07630516f");
        File.WriteAllText(meta, File.ReadAllText(meta).Replace("lifecycle_stage: active", "lifecycle_stage: deleted"));

        var champion = Single(Traces(fixture.Path), "nyc-taxi-regressor", 2);

        Assert.Equal("deleted", champion.GetProperty("runState").GetString());
        Assert.Equal("broken", champion.GetProperty("verdict").GetString());
    }

    [Fact]
    public void Store_moved_to_another_folder_still_finds_the_model_files()
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");
        using var elsewhere = new TempFolder();
        var moved = elsewhere.Combine("somewhere", "else");
        ShallowFixtureClone.CopyFolder(fixture.Path, moved);

        var traces = Traces(moved);

        Assert.All(traces, t => Assert.Equal("present", t.GetProperty("artifact").GetString()));
        Assert.All(traces, t => Assert.StartsWith("/home/alice/projects/tracked-sqlite/", t.GetProperty("artifactUri").GetString()));
    }

    [Fact]
    public void Pre_release_gate_exit_codes()
    {
        using var tracked = Fixture.Unpack("tracked-file");
        using var sloppy = Fixture.Unpack("sloppy-file");
        using var output = new TempFolder();

        var pass = CliRun.Invoke(tracked.Path, null, "audit", "--model", "nyc-taxi-regressor", "--alias", "champion", "--output-dir", output.Path, "-f", "json");
        var fail = CliRun.Invoke(sloppy.Path, null, "audit", "--model", "taxi-model", "--stage", "Production", "--output-dir", output.Path, "-f", "json");
        var partialAllowed = CliRun.Invoke(sloppy.Path, null, "audit", "--model", "taxi-model", "--version", "2", "--require", "partial", "--output-dir", output.Path);
        var unknownModel = CliRun.Invoke(tracked.Path, null, "audit", "--model", "no-such-model", "--output-dir", output.Path);
        var badRequire = CliRun.Invoke(tracked.Path, null, "audit", "--model", "nyc-taxi-regressor", "--require", "perfect", "--output-dir", output.Path);

        Assert.Equal(ExitCodes.Success, pass.ExitCode);
        Assert.Contains("nyc-taxi-regressor v2: reproducible", pass.Out);
        Assert.Equal(ExitCodes.GateFailed, fail.ExitCode);
        Assert.Contains("its run 3927c15937754077b76fd4d6d2049dd7 is deleted", fail.Out);
        Assert.True(File.Exists(output.Combine("report.json")), "reports are written before the gate decides");
        var report = JsonDocument.Parse(File.ReadAllText(output.Combine("report.json"))).RootElement;
        Assert.Equal(1, Assert.Single(report.GetProperty("trace").EnumerateArray()).GetProperty("version").GetInt32());
        Assert.Equal(ExitCodes.GateFailed, partialAllowed.ExitCode);
        Assert.Equal(ExitCodes.InputError, unknownModel.ExitCode);
        Assert.Equal(ExitCodes.InputError, badRequire.ExitCode);
    }

    [Fact]
    public void Trace_command_prints_the_chain_as_a_tree()
    {
        using var fixture = Fixture.Unpack("sloppy-file");

        var run = CliRun.Invoke(fixture.Path, null, "trace", "--model", "taxi-model");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("taxi-model", run.Out);
        Assert.Contains("├─ v4 None  BROKEN", run.Out);
        Assert.Contains("gap      the version records no run", run.Out);
    }

    private static List<JsonElement> Traces(string project) =>
        CliRun.AuditToJson(project).Report.GetProperty("trace").EnumerateArray().ToList();

    private static JsonElement Single(List<JsonElement> traces, string model, int version) =>
        traces.Single(t => t.GetProperty("model").GetString() == model && t.GetProperty("version").GetInt32() == version);

    private static IEnumerable<string> Gaps(JsonElement trace) => trace.GetProperty("gaps").EnumerateArray().Select(g => g.GetString()!);
}
