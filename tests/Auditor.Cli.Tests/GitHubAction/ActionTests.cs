using System.Text.Json;
using Auditor.Testing;
using Xunit.Abstractions;

namespace Auditor.Cli.Tests.GitHubAction;

/// <summary>
/// The GitHub Action (action.yml and action/run.sh) run as the runner runs it, in a workspace whose global.json pins
/// .NET 8. These point the action at the mlaudit built beside the tests (<c>MLAUDIT_TOOL</c>); the build from the
/// action's own folder is <see cref="ActionBuildTests"/>.
/// </summary>
public sealed class ActionTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> BuiltTool = new() { ["MLAUDIT_TOOL"] = Path.Combine(AppContext.BaseDirectory, "mlaudit.dll") };

    private static ActionRunner Action => new(TestPaths.RepositoryRoot);

    [Fact]
    public void Audit_in_a_workspace_pinned_to_another_sdk_fills_the_outputs_and_the_job_summary()
    {
        using var workspace = new ActionWorkspace();
        var (sdkCode, sdkMessage) = workspace.DotnetVersionHere();
        Assert.True(sdkCode != 0, "the workspace's global.json should make dotnet fail there: " + sdkMessage);

        var result = Action.Run(workspace.Path, workspace.RunnerTemp, new Dictionary<string, string> { ["min-level"] = "2", ["fail-on"] = "critical" }, BuiltTool);
        output.WriteLine(result.Log);

        Assert.True(result.ExitCode == 0, $"{result.FailedStep} failed: {result.Log}");
        Assert.Equal("0", result.Outputs["exit-code"]);
        Assert.Equal("mlaudit-report/report.sarif", result.Outputs["sarif"]);
        Assert.Equal("mlaudit-report/report.json", result.Outputs["json"]);
        Assert.Equal("mlaudit-report/report.html", result.Outputs["html"]);
        Assert.Equal("mlaudit-report", result.Outputs["report-dir"]);
        foreach (var format in new[] { "sarif", "json", "html" })
        {
            Assert.True(File.Exists(workspace.Combine(result.Outputs[format])), format);
        }

        var report = JsonDocument.Parse(File.ReadAllText(workspace.Combine("mlaudit-report", "report.json"))).RootElement;
        Assert.Equal(report.GetProperty("maturity").GetProperty("level").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), result.Outputs["level"]);
        Assert.Equal("2", result.Outputs["level"]);
        Assert.Equal(File.ReadAllText(workspace.Combine("mlaudit-report", "report.md")), result.Summary);
        Assert.Contains("Maturity level 2", result.Summary, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("mlaudit: passed", result.Log);
        Assert.True(File.Exists(workspace.Combine("mlaudit-report", "report.junit.xml")));
        Assert.Contains("actions/setup-dotnet@v4", result.NotRun);
        Assert.Contains("actions/cache@v4", result.NotRun);
        Assert.DoesNotContain("::warning::", result.Log);
    }

    [Fact]
    public void A_failing_gate_fails_the_last_step_after_the_reports_and_summary_are_written()
    {
        using var workspace = new ActionWorkspace();

        var result = Action.Run(workspace.Path, workspace.RunnerTemp, new Dictionary<string, string> { ["min-level"] = "4", ["output-dir"] = "out/audit" }, BuiltTool);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Apply the gate", result.FailedStep);
        Assert.Equal("1", result.Outputs["exit-code"]);
        Assert.Equal("2", result.Outputs["level"]);
        Assert.Equal("out/audit/report.sarif", result.Outputs["sarif"]);
        Assert.Contains("::error::mlaudit: the gate failed", result.Log);
        Assert.Equal(File.ReadAllText(workspace.Combine("out", "audit", "report.md")), result.Summary);
    }

    [Fact]
    public void Bad_input_is_exit_code_2_and_fails_the_gate_step_with_it()
    {
        using var workspace = new ActionWorkspace();

        var result = Action.Run(workspace.Path, workspace.RunnerTemp, new Dictionary<string, string> { ["args"] = "--quite" }, BuiltTool);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("Apply the gate", result.FailedStep);
        Assert.Equal("2", result.Outputs["exit-code"]);
        Assert.Equal("", result.Outputs["level"]);
        Assert.Equal("", result.Outputs["sarif"]);
        Assert.Contains("did you mean '--quiet'", result.Log);
    }

    [Fact]
    public void Configuration_policy_pre_release_and_extra_arguments_reach_mlaudit()
    {
        using var workspace = new ActionWorkspace();
        using var operatorFolder = new TempFolder();
        var policy = operatorFolder.Combine("policy.yml");
        File.WriteAllText(policy, "apiVersion: mlaudit/v1\nkind: Policy\nwaivers:\n  allowed: false\n");
        Directory.CreateDirectory(workspace.Combine("ci"));
        File.WriteAllText(workspace.Combine("ci", "audit config.yml"), """
            apiVersion: mlaudit/v1
            kind: Config
            project: ..
            waivers:
              - rule: MLA-0035
                reason: remediation-planned
                owner: alice@example.com
                justification: Deployment lands next quarter.
                expires: 2026-12-31
            """);

        var result = Action.Run(workspace.Path, workspace.RunnerTemp, new Dictionary<string, string>
        {
            ["config"] = "ci/audit config.yml",
            ["policy"] = policy,
            ["model"] = "nyc-taxi-regressor",
            ["alias"] = "challenger",
            ["require"] = "partial",
            ["args"] = "--history 'audit history' --verbose",
        }, BuiltTool);

        Assert.True(result.ExitCode == 0, $"{result.FailedStep} failed: {result.Log}");
        var report = JsonDocument.Parse(File.ReadAllText(workspace.Combine(result.Outputs["json"]))).RootElement;
        Assert.Equal("--policy", report.GetProperty("policy").GetProperty("source").GetString());
        Assert.Contains(report.GetProperty("policy").GetProperty("refused").EnumerateArray(), r => r.GetProperty("kind").GetString() == "waiver" && r.GetProperty("subject").GetString()!.Contains("MLA-0035"));
        var trace = Assert.Single(report.GetProperty("trace").EnumerateArray());
        Assert.Equal("nyc-taxi-regressor", trace.GetProperty("model").GetString());
        Assert.Equal(3, trace.GetProperty("version").GetInt32());
        Assert.Contains("Pre-release audit of nyc-taxi-regressor v3", result.Log);
        Assert.Single(Directory.EnumerateFiles(workspace.Combine("audit history"), "*.json"));
        Assert.Contains("MLA-0001", result.Log);
    }

    [Fact]
    public void The_model_version_input_selects_the_version_and_require_fails_the_gate()
    {
        using var workspace = new ActionWorkspace("sloppy-file");

        var result = Action.Run(workspace.Path, workspace.RunnerTemp, new Dictionary<string, string> { ["model"] = "taxi-model", ["model-version"] = "3" }, BuiltTool);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("1", result.Outputs["exit-code"]);
        var report = JsonDocument.Parse(File.ReadAllText(workspace.Combine(result.Outputs["json"]))).RootElement;
        var trace = Assert.Single(report.GetProperty("trace").EnumerateArray());
        Assert.Equal(3, trace.GetProperty("version").GetInt32());
        Assert.Equal("broken", trace.GetProperty("verdict").GetString());
    }

    [Fact]
    public void A_shallow_checkout_is_a_warning_in_the_log()
    {
        using var workspace = new ActionWorkspace();
        using var clone = new TempFolder();
        var shallow = clone.Combine("shallow");
        GitCli.Run(clone.Path, "clone", "-q", "--depth", "1", "file://" + workspace.Path, shallow);

        var result = Action.Run(shallow, workspace.RunnerTemp, new Dictionary<string, string>(), BuiltTool);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("::warning::mlaudit: the checkout is shallow", result.Log);
    }

    [Fact]
    public void Action_yml_declares_the_inputs_and_outputs_and_uploads_no_sarif_by_default()
    {
        var action = Action;
        var inputs = action.InputDefaults;
        foreach (var name in new[] { "config", "policy", "model", "model-version", "alias", "require", "min-level", "fail-on", "baseline", "args", "version", "path", "tracking-uri", "output-dir" })
        {
            Assert.True(inputs.ContainsKey(name), name);
        }

        Assert.Equal("false", inputs["upload-sarif"]);
        var upload = action.Steps.Single(s => ActionRunner.Field(s, "uses")?.StartsWith("github/codeql-action/upload-sarif", StringComparison.Ordinal) == true);
        Assert.Contains("inputs.upload-sarif == 'true'", ActionRunner.Field(upload, "if"));

        // Every input but the install's own is handed to the audit step.
        var audit = action.Steps.Single(s => ActionRunner.Field(s, "id") == "audit");
        var env = ((YamlDotNet.RepresentationModel.YamlMappingNode)audit.Children[new YamlDotNet.RepresentationModel.YamlScalarNode("env")]).Children.Values.Select(v => v.ToString()).ToList();
        foreach (var name in inputs.Keys.Except(["version", "nuget-source", "upload-sarif", "dotnet-version"]))
        {
            Assert.Contains($"${{{{ inputs.{name} }}}}", env);
        }

        var cache = action.Steps.Single(s => ActionRunner.Field(s, "uses")?.StartsWith("actions/cache@", StringComparison.Ordinal) == true);
        Assert.Equal("${{ inputs.version == '' }}", ActionRunner.Field(cache, "if"));
    }

    [Fact]
    public void Outputs_written_as_heredocs_are_read_like_the_runner_does()
    {
        var outputs = ActionRunner.ParseOutputs("a=1\nb<<EOF\nline one\nx=y\nEOF\nc=x=y\n");

        Assert.Equal("1", outputs["a"]);
        Assert.Equal("line one\nx=y", outputs["b"]);
        Assert.Equal("x=y", outputs["c"]);
    }
}
