using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Auditor.Rules;
using Auditor.Testing;

namespace Auditor.Cli.Tests;

/// <summary><c>mlaudit init</c>: a commented starter that validates, that <c>audit</c> reads, and that is never overwritten.</summary>
public sealed partial class InitCommandTests
{
    private static readonly string ConfigSchema = Path.Combine(TestPaths.Rules, "config.schema.json");

    [Theory]
    [InlineData("tracked-file")]
    [InlineData("sloppy-file")]
    [InlineData("untracked")]
    public void Init_then_audit_works_on_the_fixtures(string name)
    {
        using var fixture = Fixture.Unpack(name);
        var (plain, before) = CliRun.AuditToJson(fixture.Path);

        var init = CliRun.Invoke(fixture.Path, null, "init");
        var (audit, after) = CliRun.AuditToJson(fixture.Path);

        Assert.Equal((0, ""), (init.ExitCode, init.Error));
        Assert.Contains(Path.Combine(fixture.Path, ".mlaudit.yml"), init.Out);
        Assert.Equal(Notices(plain.Error), Notices(audit.Error));
        Assert.Equal(before.GetProperty("maturity").GetProperty("level").GetInt32(), after.GetProperty("maturity").GetProperty("level").GetInt32());
        Assert.Equal(before.GetProperty("findings").GetArrayLength(), after.GetProperty("findings").GetArrayLength());
    }

    [Fact]
    public void The_audit_reads_the_starter_once_a_gate_is_uncommented()
    {
        using var fixture = Fixture.Unpack("untracked");
        Assert.Equal(0, CliRun.Invoke(fixture.Path, null, "init", fixture.Path).ExitCode);
        var file = Path.Combine(fixture.Path, ".mlaudit.yml");
        File.WriteAllText(file, File.ReadAllText(file).Replace("# gate:\n#   minLevel: 2\n", "gate:\n  minLevel: 4\n", StringComparison.Ordinal));

        var audit = CliRun.Invoke(fixture.Path, null, "audit", fixture.Path, "--quiet");

        Assert.Equal(1, audit.ExitCode);
    }

    [Fact]
    public void The_first_line_points_editors_at_the_schema_by_its_id()
    {
        using var folder = new TempFolder();
        CliRun.Invoke(folder.Path, null, "init");

        var firstLine = File.ReadLines(folder.Combine(".mlaudit.yml")).First();
        var id = JsonNode.Parse(File.ReadAllText(ConfigSchema))!["$id"]!.GetValue<string>();

        Assert.Equal($"# yaml-language-server: $schema={id}", firstLine);
        Assert.Equal("https://raw.githubusercontent.com/mlaudit/mlaudit/main/rules/config.schema.json", id);
    }

    [Fact]
    public void The_starter_validates_and_so_does_every_commented_key_once_uncommented()
    {
        using var folder = new TempFolder();
        CliRun.Invoke(folder.Path, null, "init");
        var text = File.ReadAllText(folder.Combine(".mlaudit.yml"));
        var uncommented = string.Join('\n', text.Split('\n').Select((line, i) => i > 0 ? CommentedKey().Replace(line, "$1") : line));
        File.WriteAllText(folder.Combine("full.yml"), uncommented);

        var starter = ProjectConfigLoader.Load(folder.Combine(".mlaudit.yml"));
        var full = ProjectConfigLoader.Load(folder.Combine("full.yml"));

        Assert.Empty(starter.Waivers);
        Assert.Null(starter.Gate.MinLevel);
        Assert.Equal((2, "MLA-0011", "MLA-0019"), (full.Gate.MinLevel, Assert.Single(full.Waivers).RuleId, Assert.Single(full.DisabledRules)));
        var keys = JsonNode.Parse(File.ReadAllText(ConfigSchema))!["$defs"]!["config"]!["properties"]!.AsObject().Select(p => p.Key);
        Assert.All(keys, key => Assert.Matches($@"(?m)^\s*{key}:", uncommented));
    }

    [Fact]
    public void An_existing_configuration_is_never_overwritten()
    {
        using var folder = new TempFolder();
        Assert.Equal(0, CliRun.Invoke(folder.Path, null, "init").ExitCode);
        var file = folder.Combine(".mlaudit.yml");
        File.WriteAllText(file, "apiVersion: mlaudit/v1\nkind: Config\n# mine\n");

        var again = CliRun.Invoke(folder.Path, null, "init", folder.Path);

        Assert.Equal(2, again.ExitCode);
        Assert.Equal($"mlaudit: error: {file}: already exists; 'mlaudit init' does not overwrite it (edit it, or remove it first)\n", again.Error.ReplaceLineEndings("\n"));
        Assert.Equal("apiVersion: mlaudit/v1\nkind: Config\n# mine\n", File.ReadAllText(file));
    }

    [Fact]
    public void A_configuration_under_the_other_name_also_stops_init()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine(".mlaudit.yaml"), "apiVersion: mlaudit/v1\nkind: Config\n");

        var run = CliRun.Invoke(folder.Path, null, "init");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(".mlaudit.yaml: already exists", run.Error);
        Assert.False(File.Exists(folder.Combine(".mlaudit.yml")));
    }

    [Fact]
    public void A_missing_folder_is_one_line_and_exit_2()
    {
        using var folder = new TempFolder();

        var run = CliRun.Invoke(folder.Path, null, "init", "no-such-folder");

        Assert.Equal((2, "mlaudit: error: no-such-folder: the project folder does not exist\n"), (run.ExitCode, run.Error.ReplaceLineEndings("\n")));
    }

    [Fact]
    public void A_typo_in_the_configuration_is_one_line_from_audit()
    {
        using var folder = new TempFolder();
        CliRun.Invoke(folder.Path, null, "init");
        var file = folder.Combine(".mlaudit.yml");
        File.AppendAllText(file, "gate:\n  minLevl: 2\n");
        var line = File.ReadAllLines(file).Length;

        var run = CliRun.Invoke(folder.Path, null, "audit", "--quiet");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"mlaudit: error: {file}:{line}: unknown key 'minLevl' under 'gate' (did you mean 'minLevel'?)\n", run.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Help_lists_init_with_its_examples()
    {
        var root = CliRun.Invoke(TestPaths.RepositoryRoot, null, "--help");
        var init = CliRun.Invoke(TestPaths.RepositoryRoot, null, "init", "--help");

        Assert.Matches(@"(?m)^\s+init\s", root.Out);
        Assert.Contains("mlaudit init path/to/project", init.Out);
        Assert.Contains("starter .mlaudit.yml", init.Out);
    }

    /// <summary>Standard error without the lines naming the (temporary) report files.</summary>
    private static string[] Notices(string error) => error.Split('\n').Where(l => !l.Contains("report.json", StringComparison.Ordinal)).ToArray();

    [GeneratedRegex(@"^# ( *[a-zA-Z]+:.*| *- .*| *[A-Z]+-[0-9]{4}:.*| *runs\.[a-zA-Z]+:.*)$")]
    private static partial Regex CommentedKey();
}
