using System.Text;
using System.Text.Json;
using Auditor.Testing;
using Microsoft.Data.Sqlite;

namespace Auditor.Cli.Tests;

/// <summary>
/// A corpus of broken and hostile inputs, each built from a real fixture with one thing corrupted. Every audit
/// must complete (exit 0), say exactly what it could not read, and keep values from the project inert.
/// </summary>
public sealed class HostileInputTests
{
    private const string Run = "mlruns/223552200274546031/751d23cfeb8f4f9996c501d07630516f";
    private const string Experiment = "mlruns/223552200274546031";
    private const string Model = "mlruns/models/nyc-taxi-regressor";

    /// <summary>One corruption and what the audit must do with it; input the user gave (not the project) exits 2.</summary>
    private sealed record Case(string Fixture, Action<string> Break, Action<JsonElement, CliRun> Check, int ExitCode = ExitCodes.Success);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        // The file store, one file at a time.
        ["run meta.yaml missing"] = new("tracked-file", p => File.Delete(P(p, Run, "meta.yaml")), (r, _) => Assert.Equal(14, Runs(r))),
        ["run meta.yaml empty"] = new("tracked-file", p => File.WriteAllText(P(p, Run, "meta.yaml"), ""), (r, _) => Problem(r, "751d23cfeb8f4f9996c501d07630516f/meta.yaml")),
        ["run meta.yaml invalid YAML"] = new("tracked-file", p => File.WriteAllText(P(p, Run, "meta.yaml"), "run_id: [unclosed\nstatus: 3\n"), (r, _) => Problem(r, "meta.yaml")),
        ["run meta.yaml not UTF-8"] = new("tracked-file", p => File.WriteAllBytes(P(p, Run, "meta.yaml"), [0x72, 0x75, 0x6e, 0xff, 0xfe, 0x3a, 0x0a]), (r, _) => Problem(r, "not UTF-8")),
        ["run meta.yaml a list, not a mapping"] = new("tracked-file", p => File.WriteAllText(P(p, Run, "meta.yaml"), "- 1\n- 2\n"), (r, _) => Problem(r, "meta.yaml")),
        ["run status of the wrong type"] = new("tracked-file", p => Replace(P(p, Run, "meta.yaml"), "status: 3", "status: {nested: map}"), (r, _) => Assert.Equal(15, Runs(r))),
        ["run start time not a number"] = new("tracked-file", p => Replace(P(p, Run, "meta.yaml"), "start_time: ", "start_time: yesterday #"), (r, _) => Assert.Equal(15, Runs(r))),
        ["run id of the wrong shape"] = new("tracked-file", p => Replace(P(p, Run, "meta.yaml"), "run_id: 751d23cfeb8f4f9996c501d07630516f", "run_id: [1, 2]"), (r, _) => Assert.Equal(15, Runs(r))),
        ["metric line truncated"] = new("tracked-file", p => File.AppendAllText(P(p, Run, "metrics/rmse"), "17957530"), (r, _) => Problem(r, "metrics/rmse")),
        ["metric value not a number"] = new("tracked-file", p => File.WriteAllText(P(p, Run, "metrics/rmse"), "1795753083035 banana 0\n"), (r, _) => Problem(r, "metrics/rmse")),
        ["metric file empty"] = new("tracked-file", p => File.WriteAllText(P(p, Run, "metrics/rmse"), ""), (r, _) => Assert.Equal(15, Runs(r))),
        ["metric file of random bytes"] = new("tracked-file", p => File.WriteAllBytes(P(p, Run, "metrics/rmse"), RandomBytes(3000)), (r, _) => Problem(r, "metrics/rmse")),
        ["param value of a megabyte"] = new("tracked-file", p => File.WriteAllText(P(p, Run, "params/alpha"), new string('9', 1_000_000)), (r, _) => Assert.Equal(15, Runs(r))),
        ["tag value with terminal escapes"] = new("tracked-file", p => File.WriteAllText(P(p, Run, "tags/team"), "\u001b[2J\u001b]0;pwned\u0007"), (r, run) => Assert.DoesNotContain("\u001b", run.Out)),
        ["ten thousand tags on one run"] = new("tracked-file", p => ManyTags(P(p, Run, "tags"), 10_000), (r, _) => Assert.Equal(15, Runs(r))),
        ["deeply nested tag keys"] = new("tracked-file", p => Nested(P(p, Run, "tags"), 60), (r, _) => Assert.Equal(15, Runs(r))),
        ["symlink loop in a run"] = new("tracked-file", p => File.CreateSymbolicLink(P(p, Run, "tags/loop"), P(p, Run, "tags")), (r, _) => Assert.Equal(15, Runs(r))),
        ["symlink out of the store"] = new("tracked-file", p => File.CreateSymbolicLink(P(p, Run, "params/leak"), "/proc/self/environ"), (r, _) => Assert.DoesNotContain("PATH=", r.GetRawText())),
        ["experiment meta.yaml missing"] = new("tracked-file", p => File.Delete(P(p, Experiment, "meta.yaml")), (r, _) => Problem(r, "223552200274546031/meta.yaml")),
        ["experiment meta.yaml garbage"] = new("tracked-file", p => File.WriteAllBytes(P(p, Experiment, "meta.yaml"), RandomBytes(500)), (r, _) => Problem(r, "223552200274546031/meta.yaml")),
        ["dataset referenced by an input is gone"] = new("tracked-file", p => Directory.Delete(P(p, Experiment, "datasets"), recursive: true), (r, _) => Problem(r, "is not in the experiment's datasets folder")),
        ["registered model meta.yaml missing"] = new("tracked-file", p => File.Delete(P(p, Model, "meta.yaml")), (r, _) => Problem(r, "nyc-taxi-regressor/meta.yaml")),
        ["model version meta.yaml broken"] = new("tracked-file", p => File.WriteAllText(P(p, Model, "version-2/meta.yaml"), "version: [\n"), (r, _) => Problem(r, "version-2/meta.yaml")),
        ["alias that is not a version"] = new("tracked-file", p => File.WriteAllText(P(p, Model, "aliases/champion"), "latest-and-greatest"), (r, _) => Problem(r, "alias does not hold a version number")),
        ["store folder is a file"] = new("tracked-file", p => { Directory.Delete(P(p, "mlruns"), recursive: true); File.WriteAllText(P(p, "mlruns"), "not a folder"); }, (r, _) => Unknown(r, "MLA-0002")),
        ["YAML alias bomb in a run"] = new("tracked-file", p => File.WriteAllText(P(p, Run, "meta.yaml"), Bomb()), (r, _) => Assert.True(Runs(r) >= 14)),
        ["gigabyte-scale metric file"] = new("sloppy-file", p => Sparse(Directory.EnumerateFiles(P(p, "mlruns"), "*", SearchOption.AllDirectories).First(f => f.Contains("/metrics/")), 80L * 1024 * 1024), (r, _) => Problem(r, "MiB; not read")),

        // The SQLite store.
        ["mlflow.db is not a database"] = new("tracked-sqlite", p => File.WriteAllText(P(p, "mlflow.db"), "hello, I am text"), (r, _) => Unknown(r, "MLA-0002")),
        ["mlflow.db truncated"] = new("tracked-sqlite", p => Truncate(P(p, "mlflow.db"), 8192), (r, _) => Unknown(r, "MLA-0002")),
        ["mlflow.db bytes flipped"] = new("tracked-sqlite", p => Flip(P(p, "mlflow.db")), (r, _) => Assert.True(Runs(r) is 0 or 15)),
        ["mlflow.db empty"] = new("tracked-sqlite", p => File.WriteAllBytes(P(p, "mlflow.db"), []), (r, _) => Unknown(r, "MLA-0002")),
        ["mlflow.db without a runs table"] = new("tracked-sqlite", p => Sql(P(p, "mlflow.db"), "DROP TABLE latest_metrics; DROP TABLE metrics; DROP TABLE params; DROP TABLE tags; DROP TABLE runs;"), (r, _) => Problem(r, "not an MLflow tracking database")),
        ["mlflow.db with unexpected tables and columns"] = new("tracked-sqlite", p => Sql(P(p, "mlflow.db"), "CREATE TABLE surprise (x); ALTER TABLE runs ADD COLUMN extra TEXT;"), (r, _) => Assert.Equal(15, Runs(r))),
        ["mlflow.db in WAL mode with an open writer"] = new("tracked-sqlite", p => Sql(P(p, "mlflow.db"), "PRAGMA journal_mode=WAL;"), (r, _) => Assert.Equal(15, Runs(r))),
        ["mlflow.db with a secret logged as a param"] = new("tracked-sqlite", p => Sql(P(p, "mlflow.db"), "UPDATE params SET value = 'AKIAIOSFODNN7EXAMPLE' WHERE key = 'alpha';"), (r, run) =>
        {
            Assert.Equal("fail", Outcome(r, "MLA-0021"));
            Assert.DoesNotContain("AKIAIOSFODNN7EXAMPLE", r.GetRawText());
            Assert.DoesNotContain("AKIAIOSFODNN7EXAMPLE", run.Out);
        }),
        ["run name with an HTML payload"] = new("tracked-sqlite", p => Sql(P(p, "mlflow.db"), "UPDATE runs SET name = '<script>alert(1)</script>'; UPDATE tags SET value = '<img src=x onerror=alert(1)>' WHERE key = 'mlflow.runName';"), (r, _) => Assert.Equal(15, Runs(r))),

        // The repository.
        ["HEAD file garbage"] = new("tracked-file", p => File.WriteAllText(P(p, ".git/HEAD"), "garbage\n"), (r, _) => Assert.NotEqual("pass", Outcome(r, "MLA-0001"))),
        ["HEAD missing"] = new("tracked-file", p => File.Delete(P(p, ".git/HEAD")), (r, _) => Assert.Equal(15, Runs(r))),
        ["objects folder deleted"] = new("tracked-file", p => Directory.Delete(P(p, ".git/objects"), recursive: true), (r, _) => Assert.Equal(15, Runs(r))),
        ["a thousand refs"] = new("tracked-file", p => ManyRefs(p, 1000), (r, _) => Assert.Equal("pass", Outcome(r, "MLA-0001"))),
        ["config file with an alias bomb"] = new("untracked", p => File.WriteAllText(P(p, ".mlaudit.yml"), "apiVersion: mlaudit/v1\nkind: Config\n" + Bomb().Replace("run_id", "ignorePaths")),
            (_, run) => Assert.Contains(".mlaudit.yml", run.Error), ExitCodes.InputError),
        ["project file of 3 MB"] = new("untracked", p => File.WriteAllText(P(p, "requirements-big.txt"), new string('#', 3_000_000)), (r, _) => Assert.Equal("fail", Outcome(r, "MLA-0002"))),
    };

    public static TheoryData<string> Names => new(Cases.Keys);

    [Fact]
    public void The_corpus_has_at_least_forty_cases() => Assert.True(Cases.Count >= 40, $"{Cases.Count} cases");

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Broken_input_is_reported_and_the_audit_completes(string name)
    {
        var (fixtureName, breakIt, check, exitCode) = Cases[name];
        using var fixture = Fixture.Unpack(fixtureName);
        using var output = new TempFolder();
        breakIt(fixture.Path);

        var run = Task.Run(() => CliRun.Invoke(fixture.Path, null, "audit", fixture.Path, "--format", "console,json,html,markdown,junit,sarif", "--output-dir", output.Path));
        Assert.True(await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(60))) == run, $"{name}: the audit did not finish in 60 s");

        var result = await run;
        Assert.True(result.ExitCode == exitCode, $"{name}: exit {result.ExitCode}: {result.Error}");
        if (exitCode != ExitCodes.Success)
        {
            check(default, result);
            return;
        }

        check(JsonDocument.Parse(File.ReadAllText(output.Combine("report.json"))).RootElement, result);
        foreach (var file in Directory.EnumerateFiles(output.Path))
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain("<script>alert(1)</script>", file.EndsWith(".json", StringComparison.Ordinal) ? "" : text);
        }
    }

    private static string P(string root, params string[] parts) => Path.Combine([root, .. parts.SelectMany(s => s.Split('/'))]);

    private static int Runs(JsonElement report) => report.GetProperty("inventory").GetProperty("runs").GetProperty("total").GetInt32();

    private static string? Outcome(JsonElement report, string id) =>
        report.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("ruleId").GetString() == id).GetProperty("outcome").GetString();

    private static void Problem(JsonElement report, string text) =>
        Assert.Contains(report.GetProperty("problems").EnumerateArray(), p => p.GetString()!.Contains(text, StringComparison.Ordinal));

    private static void Unknown(JsonElement report, string id)
    {
        Assert.Equal("unknown", Outcome(report, id));
        Assert.NotEmpty(report.GetProperty("problems").EnumerateArray());
    }

    private static void Replace(string file, string from, string to) => File.WriteAllText(file, File.ReadAllText(file).Replace(from, to));

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(count).NextBytes(bytes);
        return bytes;
    }

    private static void Truncate(string file, int length)
    {
        using var stream = File.OpenWrite(file);
        stream.SetLength(length);
    }

    internal static void Sparse(string file, long length)
    {
        using var stream = File.OpenWrite(file);
        stream.SetLength(length);
    }

    private static void Flip(string file)
    {
        var bytes = File.ReadAllBytes(file);
        for (var i = 100; i < bytes.Length; i += 997)
        {
            bytes[i] ^= 0x5a;
        }

        File.WriteAllBytes(file, bytes);
    }

    internal static void Sql(string file, string statements)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = statements;
        command.ExecuteNonQuery();
    }

    private static void ManyTags(string folder, int count)
    {
        for (var i = 0; i < count; i++)
        {
            File.WriteAllText(Path.Combine(folder, $"bulk.{i}"), "x");
        }
    }

    private static void Nested(string folder, int depth)
    {
        var path = Path.Combine([folder, .. Enumerable.Repeat("deep", depth)]);
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "leaf"), "value");
    }

    private static void ManyRefs(string project, int count)
    {
        var head = File.ReadAllText(Path.Combine(project, ".git", "refs", "heads", "main")).Trim();
        var tags = Path.Combine(project, ".git", "refs", "tags");
        Directory.CreateDirectory(tags);
        for (var i = 0; i < count; i++)
        {
            File.WriteAllText(Path.Combine(tags, $"t{i}"), head + "\n");
        }
    }

    /// <summary>A "billion laughs": each alias doubles the size of the one before.</summary>
    private static string Bomb()
    {
        var yaml = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 30; i++)
        {
            yaml.Append($"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n");
        }

        return yaml.Append("run_id: [*a29]\n").ToString();
    }
}
