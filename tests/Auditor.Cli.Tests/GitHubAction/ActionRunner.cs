using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Auditor.Cli.Tests.GitHubAction;

/// <summary>
/// Runs a composite action's <c>shell: bash</c> steps the way the GitHub runner does: each step's <c>env</c> and
/// <c>run</c> with their <c>${{ }}</c> expressions expanded, through <c>bash --noprofile --norc -eo pipefail</c> in
/// <c>GITHUB_WORKSPACE</c>, with a fresh <c>GITHUB_OUTPUT</c> and <c>GITHUB_STEP_SUMMARY</c> file per step whose
/// contents become <c>steps.ID.outputs</c> and the job summary. Steps that <c>uses:</c> another action (setup-dotnet,
/// cache, upload-sarif) are not run, only recorded. The first failing step stops the job, as on the runner.
/// </summary>
internal sealed partial class ActionRunner
{
    private readonly YamlMappingNode _action;

    public ActionRunner(string actionPath)
    {
        ActionPath = actionPath;
        var stream = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(actionPath, "action.yml")))
        {
            stream.Load(reader);
        }

        _action = (YamlMappingNode)stream.Documents[0].RootNode;
    }

    public string ActionPath { get; }

    public IReadOnlyDictionary<string, string> InputDefaults =>
        Map(_action, "inputs").Children.ToDictionary(p => Scalar(p.Key), p => Map(p.Value).Children.TryGetValue(new YamlScalarNode("default"), out var d) ? Scalar(d) : "");

    public IReadOnlyList<YamlMappingNode> Steps => ((YamlSequenceNode)Map(_action, "runs").Children[new YamlScalarNode("steps")]).Children.Cast<YamlMappingNode>().ToList();

    /// <summary>Runs the action with these inputs in <paramref name="workspace"/>; <paramref name="variables"/> adds to the runner's environment.</summary>
    public ActionResult Run(string workspace, string runnerTemp, IReadOnlyDictionary<string, string> inputs, IReadOnlyDictionary<string, string>? variables = null)
    {
        foreach (var name in inputs.Keys)
        {
            Assert.True(InputDefaults.ContainsKey(name), $"action.yml has no input '{name}'");
        }

        var values = InputDefaults.ToDictionary(p => p.Key, p => inputs.GetValueOrDefault(p.Key, p.Value));
        var stepOutputs = new Dictionary<string, Dictionary<string, string>>();
        var summary = new StringBuilder();
        var log = new StringBuilder();
        var skipped = new List<string>();
        var context = new Dictionary<string, string>
        {
            ["github.action_path"] = ActionPath,
            ["github.workspace"] = workspace,
            ["runner.temp"] = runnerTemp,
            ["runner.os"] = "Linux",
            ["runner.arch"] = "X64",
        };
        string Expand(string text) => Expression().Replace(text, m => Evaluate(m.Groups[1].Value.Trim(), values, stepOutputs, context));

        var index = 0;
        foreach (var step in Steps)
        {
            index++;
            var name = Field(step, "name") ?? Field(step, "uses") ?? $"step {index}";
            if (Field(step, "uses") is { } uses)
            {
                skipped.Add(uses);
                continue;
            }

            Assert.Equal("bash", Field(step, "shell"));
            Assert.Null(Field(step, "if"));
            using var files = new StepFiles(runnerTemp, index);
            var start = new ProcessStartInfo("bash") { WorkingDirectory = workspace, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "--noprofile", "--norc", "-e", "-o", "pipefail", files.Script })
            {
                start.ArgumentList.Add(argument);
            }

            foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("GITHUB_", StringComparison.Ordinal) || k.StartsWith("RUNNER_", StringComparison.Ordinal) ||
                                                                  k.StartsWith("INPUT_", StringComparison.Ordinal) || k.StartsWith("MLFLOW_", StringComparison.Ordinal) ||
                                                                  k.StartsWith("MLAUDIT_", StringComparison.Ordinal) || k == "CI").ToList())
            {
                start.Environment.Remove(key);
            }

            start.Environment["CI"] = "true";
            start.Environment["GITHUB_ACTIONS"] = "true";
            start.Environment["GITHUB_WORKSPACE"] = workspace;
            start.Environment["GITHUB_ACTION_PATH"] = ActionPath;
            start.Environment["GITHUB_OUTPUT"] = files.Output;
            start.Environment["GITHUB_STEP_SUMMARY"] = files.Summary;
            start.Environment["GITHUB_ENV"] = files.Env;
            start.Environment["GITHUB_PATH"] = files.PathFile;
            start.Environment["RUNNER_TEMP"] = runnerTemp;
            start.Environment["RUNNER_OS"] = "Linux";
            foreach (var (key, value) in variables ?? new Dictionary<string, string>())
            {
                start.Environment[key] = value;
            }

            if (step.Children.TryGetValue(new YamlScalarNode("env"), out var env))
            {
                foreach (var (key, value) in Map(env).Children)
                {
                    start.Environment[Scalar(key)] = Expand(Scalar(value));
                }
            }

            File.WriteAllText(files.Script, Expand(Field(step, "run") ?? throw new InvalidOperationException($"{name}: neither uses nor run")));
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(8)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"step '{name}' did not finish in 8 minutes");
            }

            log.Append("## ").AppendLine(name).Append(stdout.Result).Append(stderr.Result);
            summary.Append(File.ReadAllText(files.Summary));
            if (Field(step, "id") is { } id)
            {
                stepOutputs[id] = ParseOutputs(File.ReadAllText(files.Output));
            }

            if (process.ExitCode != 0)
            {
                return new ActionResult(process.ExitCode, name, ActionOutputs(Expand), summary.ToString(), log.ToString(), skipped);
            }
        }

        return new ActionResult(0, null, ActionOutputs(Expand), summary.ToString(), log.ToString(), skipped);
    }

    private Dictionary<string, string> ActionOutputs(Func<string, string> expand) =>
        Map(_action, "outputs").Children.ToDictionary(p => Scalar(p.Key), p => expand(Field(Map(p.Value), "value") ?? ""));

    private static string Evaluate(string expression, Dictionary<string, string> inputs, Dictionary<string, Dictionary<string, string>> steps, Dictionary<string, string> context)
    {
        var parts = expression.Split('.');
        if (parts is ["inputs", var input])
        {
            return inputs.TryGetValue(input, out var value) ? value : throw new InvalidOperationException($"action.yml reads the undeclared input '{input}'");
        }

        if (parts is ["steps", var id, "outputs", var output])
        {
            return steps.GetValueOrDefault(id)?.GetValueOrDefault(output) ?? "";
        }

        return context.TryGetValue(expression, out var known) ? known : throw new InvalidOperationException($"the test runner cannot evaluate ${{{{ {expression} }}}}");
    }

    /// <summary>GITHUB_OUTPUT lines: <c>name=value</c>, or <c>name&lt;&lt;DELIMITER</c> … <c>DELIMITER</c>.</summary>
    internal static Dictionary<string, string> ParseOutputs(string text)
    {
        var outputs = new Dictionary<string, string>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var heredoc = line.IndexOf("<<", StringComparison.Ordinal);
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (heredoc > 0 && (equals < 0 || heredoc < equals))
            {
                var delimiter = line[(heredoc + 2)..];
                var value = new List<string>();
                while (++i < lines.Length && lines[i] != delimiter)
                {
                    value.Add(lines[i]);
                }

                outputs[line[..heredoc]] = string.Join('\n', value);
            }
            else if (equals > 0)
            {
                outputs[line[..equals]] = line[(equals + 1)..];
            }
        }

        return outputs;
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) => Map(node.Children[new YamlScalarNode(key)]);

    private static YamlMappingNode Map(YamlNode node) => (YamlMappingNode)node;

    private static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value ?? "";

    internal static string? Field(YamlMappingNode node, string key) => node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? Scalar(value) : null;

    [GeneratedRegex(@"\$\{\{(.*?)\}\}")]
    private static partial Regex Expression();

    /// <summary>The files the runner gives one step.</summary>
    private sealed class StepFiles : IDisposable
    {
        private readonly string _folder;

        public StepFiles(string runnerTemp, int index)
        {
            _folder = Path.Combine(runnerTemp, "_runner_file_commands", $"step{index}-{Guid.NewGuid():N}");
            Directory.CreateDirectory(_folder);
            foreach (var file in new[] { Output, Summary, Env, PathFile })
            {
                File.WriteAllText(file, "");
            }
        }

        public string Script => Path.Combine(_folder, "script.sh");

        public string Output => Path.Combine(_folder, "output");

        public string Summary => Path.Combine(_folder, "summary.md");

        public string Env => Path.Combine(_folder, "env");

        public string PathFile => Path.Combine(_folder, "path");

        public void Dispose() => Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>What a run of the action left: the failing step's exit code (0 when all passed), its outputs, the job summary and the log.</summary>
internal sealed record ActionResult(int ExitCode, string? FailedStep, IReadOnlyDictionary<string, string> Outputs, string Summary, string Log, IReadOnlyList<string> NotRun);
