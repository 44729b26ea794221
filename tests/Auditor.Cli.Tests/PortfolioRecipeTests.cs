using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Auditor.Testing;
using YamlDotNet.RepresentationModel;

namespace Auditor.Cli.Tests;

/// <summary>
/// The fan-out recipes in <c>docs/recipes/</c>, run here as their CI systems would run them over three fixture
/// projects: every shell step (GitHub <c>run:</c>, GitLab <c>script:</c>) is taken from the YAML and run with bash,
/// with the variables, matrix values and files the runner gives it and <c>mlaudit</c> on PATH. What only a hosted
/// runner does (checkout, the Action, artifact upload and download) is done by the test, as the comments say.
/// </summary>
public sealed class PortfolioRecipeTests
{
    private static readonly string[] Projects = ["tracked-file", "sloppy-file", "untracked"];

    [Fact]
    public void The_github_reusable_workflow_audits_each_repository_and_merges_their_reports()
    {
        var workflow = Load("github-portfolio.yml");
        var jobs = (YamlMappingNode)workflow["jobs"];
        using var runner = new TempFolder();
        using var bin = MlauditOnPath();
        var artifacts = Path.Combine(runner.Path, "artifacts");

        foreach (var name in Projects)
        {
            // actions/checkout: the repository with its full history.
            using var fixture = Fixture.Unpack(name);
            var context = new Dictionary<string, string>
            {
                ["matrix.project.repository"] = $"acme/{name}",
                ["matrix.project.path"] = ".",
                ["github.repository"] = "acme/platform",
                ["inputs.mlaudit-version"] = "",
                ["runner.temp"] = Path.Combine(runner.Path, name + "-temp"),
            };
            Directory.CreateDirectory(context["runner.temp"]);
            var githubEnv = Path.Combine(runner.Path, name + ".env");
            File.WriteAllText(githubEnv, "");
            foreach (YamlMappingNode step in (YamlSequenceNode)((YamlMappingNode)jobs["audit"])["steps"])
            {
                if (Text(step, "uses") is { } uses && uses.StartsWith("mlaudit/mlaudit", StringComparison.Ordinal))
                {
                    // The Action (tested on its own in ActionRunnerTests): its audit with these inputs.
                    var with = (YamlMappingNode)step["with"];
                    var audit = Bash(fixture.Path, bin.Path, new Dictionary<string, string>(), $"mlaudit audit '{Expand(Text(with, "path")!, context)}' -f console,json,markdown --output-dir '{Text(with, "output-dir")}' -q || test $? -eq 1");
                    Assert.True(audit.Code == 0, audit.Error);
                }
                else if (Text(step, "uses") is { } upload && upload.StartsWith("actions/upload-artifact", StringComparison.Ordinal))
                {
                    var with = (YamlMappingNode)step["with"];
                    var env = File.ReadAllLines(githubEnv).Select(l => l.Split('=', 2)).ToDictionary(p => "env." + p[0], p => p[1]);
                    var artifactName = Expand(Text(with, "name")!, context.Concat(env).ToDictionary());
                    var folder = Path.Combine(artifacts, artifactName);
                    Assert.False(Directory.Exists(folder), $"two jobs uploaded {artifactName}");
                    Directory.CreateDirectory(folder);
                    var source = Expand(Text(with, "path")!, context);
                    File.Copy(source, Path.Combine(folder, Path.GetFileName(source)));
                }
                else if (Text(step, "run") is { } script)
                {
                    var env = ((YamlMappingNode?)(step.Children.TryGetValue("env", out var e) ? e : null))?.Children
                        .ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => Expand(((YamlScalarNode)c.Value).Value!, context)) ?? [];
                    env["RUNNER_TEMP"] = context["runner.temp"];
                    env["GITHUB_ENV"] = githubEnv;
                    var result = Bash(fixture.Path, bin.Path, env, script);
                    Assert.True(result.Code == 0, $"{Text(step, "name")}: {result.Error}");
                }
            }
        }

        Assert.Equal(["mlaudit-acme-sloppy-file", "mlaudit-acme-tracked-file", "mlaudit-acme-untracked"], Directory.GetDirectories(artifacts).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        var workspace = Path.Combine(runner.Path, "portfolio-job");
        Directory.CreateDirectory(workspace);
        var summary = Path.Combine(runner.Path, "summary.md");
        var inputs = new Dictionary<string, string> { ["inputs.stale-days"] = "30", ["inputs.mlaudit-version"] = "" };
        foreach (YamlMappingNode step in (YamlSequenceNode)((YamlMappingNode)jobs["portfolio"])["steps"])
        {
            if (Text(step, "uses") is { } uses && uses.StartsWith("actions/download-artifact", StringComparison.Ordinal))
            {
                // pattern mlaudit-* into reports/: one folder per artifact.
                var with = (YamlMappingNode)step["with"];
                foreach (var folder in Directory.GetDirectories(artifacts, Text(with, "pattern")!))
                {
                    var target = Path.Combine(workspace, Text(with, "path")!, Path.GetFileName(folder));
                    Directory.CreateDirectory(target);
                    File.Copy(Path.Combine(folder, "report.json"), Path.Combine(target, "report.json"));
                }
            }
            else if (Text(step, "run") is { } script)
            {
                var env = ((YamlMappingNode?)(step.Children.TryGetValue("env", out var e) ? e : null))?.Children
                    .ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => Expand(((YamlScalarNode)c.Value).Value!, inputs)) ?? [];
                env["GITHUB_STEP_SUMMARY"] = summary;
                env["GITHUB_PATH"] = Path.Combine(runner.Path, "path");
                var result = Bash(workspace, bin.Path, env, script);
                Assert.True(result.Code == 0, $"{Text(step, "name")}: {result.Error}");
            }
        }

        AssertPortfolio(Path.Combine(workspace, "portfolio", "portfolio.json"));
        Assert.Contains("**3 projects**", File.ReadAllText(summary));
        Assert.False(File.Exists(Path.Combine(runner.Path, "path")), "mlaudit was on PATH: nothing to install");
    }

    [Fact]
    public void The_gitlab_parallel_matrix_and_the_job_that_needs_it_merge_three_projects()
    {
        var pipeline = Load("gitlab-portfolio.yml");
        var audit = (YamlMappingNode)pipeline["mlaudit-audit"];
        var matrix = (YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)audit["parallel"])["matrix"])[0];
        Assert.Equal("PROJECT_PATH", ((YamlScalarNode)matrix.Children.Single().Key).Value);
        using var workspace = new TempFolder();
        using var bin = MlauditOnPath();
        var fixtures = new List<Fixture>();
        try
        {
            // The pipeline's repository: three projects (the recipe's matrix lists yours; the test's are the fixtures).
            foreach (var name in Projects)
            {
                var fixture = Fixture.Unpack(name);
                fixtures.Add(fixture);
                CopyFolder(fixture.Path, workspace.Combine("projects", name));
            }

            foreach (var name in Projects)
            {
                foreach (var line in Lines(audit))
                {
                    var result = Bash(workspace.Path, bin.Path, new Dictionary<string, string> { ["PROJECT_PATH"] = $"projects/{name}" }, line);
                    Assert.True(result.Code == 0, result.Error);
                }
            }

            var portfolio = (YamlMappingNode)pipeline["mlaudit-portfolio"];
            Assert.Equal("mlaudit-audit", ((YamlScalarNode)((YamlSequenceNode)portfolio["needs"])[0]).Value);
            var variables = ((YamlMappingNode)portfolio["variables"]).Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => ((YamlScalarNode)c.Value).Value!);
            foreach (var line in Lines(portfolio))
            {
                var result = Bash(workspace.Path, bin.Path, variables, line);
                Assert.True(result.Code == 0, result.Error);
            }

            AssertPortfolio(workspace.Combine("portfolio", "portfolio.json"));
        }
        finally
        {
            fixtures.ForEach(f => f.Dispose());
        }
    }

    private static void AssertPortfolio(string path)
    {
        var portfolio = JsonNode.Parse(File.ReadAllText(path))!;
        var rows = portfolio["projects"]!.AsArray().ToDictionary(p => (string)p!["project"]!, p => (int)p!["level"]!);
        Assert.Equal(new Dictionary<string, int> { ["sloppy-file"] = 0, ["untracked"] = 0, ["tracked-file"] = 2 }, rows);
        Assert.Empty(portfolio["problems"]!.AsArray());
    }

    private static YamlMappingNode Load(string name)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "docs", "recipes", name))));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static IEnumerable<string> Lines(YamlMappingNode job) => ((YamlSequenceNode)job["script"]).Select(n => ((YamlScalarNode)n).Value!);

    private static string? Text(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    /// <summary>GitHub's <c>${{ a.b || c.d }}</c>: the first operand with a value.</summary>
    private static string Expand(string text, IReadOnlyDictionary<string, string> context) =>
        Regex.Replace(text, @"\$\{\{\s*(.+?)\s*\}\}", m => m.Groups[1].Value.Split("||").Select(o => context.GetValueOrDefault(o.Trim(), "")).FirstOrDefault(v => v.Length > 0) ?? "");

    /// <summary>A folder with an <c>mlaudit</c> that runs the tool built with the tests.</summary>
    private static TempFolder MlauditOnPath()
    {
        var bin = new TempFolder();
        var script = bin.Combine("mlaudit");
        File.WriteAllText(script, $"#!/bin/sh\nexec dotnet '{Path.Combine(AppContext.BaseDirectory, "mlaudit.dll")}' \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return bin;
    }

    private static (int Code, string Error) Bash(string directory, string bin, IReadOnlyDictionary<string, string> env, string script)
    {
        var start = new ProcessStartInfo("bash", ["-euo", "pipefail", "-c", script]) { WorkingDirectory = directory, RedirectStandardError = true, RedirectStandardOutput = true };
        start.Environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment.Remove("MLFLOW_TRACKING_URI");
        foreach (var (key, value) in env)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error + output.Result);
    }

    private static void CopyFolder(string source, string target)
    {
        foreach (var dir in Directory.GetDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(source, dir)));
        }

        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(target, Path.GetRelativePath(source, file)));
        }
    }
}
