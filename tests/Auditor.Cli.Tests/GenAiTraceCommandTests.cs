using System.Text.Json;
using Auditor.Testing;

namespace Auditor.Cli.Tests;

/// <summary>
/// <c>mlaudit trace</c> on the GenAI fixtures prints the application versions that are logged models only, with the same
/// links report.json gives them in <c>applications[]</c>: logged model, trace count, commit, prompt versions, evaluations.
/// </summary>
public sealed class GenAiTraceCommandTests
{
    [Theory]
    [InlineData("genai-file-3x")]
    [InlineData("genai-sqlite-3x")]
    public void Trace_prints_every_unregistered_application_version_as_report_json_has_it(string name)
    {
        using var fixture = Fixture.Unpack(name);
        var applications = CliRun.AuditToJson(fixture.Path).Report.GetProperty("applications").EnumerateArray().ToList();

        var run = CliRun.Invoke(fixture.Path, null, "trace");

        Assert.True(run.ExitCode == 0, run.Error);
        var lines = run.Out.Split('\n');
        var heading = Array.IndexOf(lines, "Application versions (logged models, not registered)");
        Assert.True(heading > 0, run.Out);
        Assert.Equal(4, applications.Count);
        var section = string.Join('\n', lines[heading..]);
        foreach (var app in applications)
        {
            var model = app.GetProperty("loggedModel").GetString()!;
            var chain = app.GetProperty("application");
            var verdict = app.GetProperty("verdict").GetString()!.ToUpperInvariant();
            Assert.Contains($"{app.GetProperty("name").GetString()} ({model})  {verdict}", section, StringComparison.Ordinal);
            Assert.Contains($"app      {model}, {chain.GetProperty("traces").GetInt32()} traces, commit {chain.GetProperty("commit").GetString()} (present)", section, StringComparison.Ordinal);
            var prompts = chain.GetProperty("prompts").EnumerateArray().Select(p => $"{p.GetProperty("name").GetString()}/{p.GetProperty("version").GetInt32()}").ToList();
            Assert.NotEmpty(prompts);
            Assert.All(prompts, p => Assert.Contains(p, section, StringComparison.Ordinal));
        }

        // The application made active on the first commit was never evaluated; the fixture's other three were.
        Assert.Equal(1, applications.Count(a => a.GetProperty("application").GetProperty("evaluations").GetArrayLength() == 0));
        Assert.Contains("evals    none", section, StringComparison.Ordinal);
        Assert.Contains("gap      no evaluation run evaluated the application", section, StringComparison.Ordinal);
        // Every trace of the fixture was recorded with one of them active (the evaluations' too).
        Assert.Equal(47, applications.Sum(a => a.GetProperty("application").GetProperty("traces").GetInt32()));
    }

    [Fact]
    public void Model_narrows_the_trace_to_the_application_of_that_name()
    {
        using var fixture = Fixture.Unpack("genai-sqlite-3x");
        var app = CliRun.AuditToJson(fixture.Path).Report.GetProperty("applications").EnumerateArray()
            .First(a => a.GetProperty("application").GetProperty("evaluations").GetArrayLength() == 0);
        var name = app.GetProperty("name").GetString()!;

        var run = CliRun.Invoke(fixture.Path, null, "trace", "--model", name);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.StartsWith("Application versions (logged models, not registered)", run.Out, StringComparison.Ordinal);
        Assert.Contains($"└─ {name} ({app.GetProperty("loggedModel").GetString()})", run.Out, StringComparison.Ordinal);
        Assert.Single(run.Out.Split('\n'), l => l.Contains("  app      ", StringComparison.Ordinal));
    }
}
