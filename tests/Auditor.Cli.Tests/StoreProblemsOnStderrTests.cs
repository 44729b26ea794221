using System.Text.Json;
using Auditor.Testing;

namespace Auditor.Cli.Tests;

/// <summary>
/// A store that reads partly: the audit goes on, every problem is on standard error (one line each, capped, with the
/// total) whatever formats were asked, and <c>subject.tracking.state</c> says <c>partial</c>. Before, the problems
/// were only inside the report unless the console format was asked.
/// </summary>
public sealed class StoreProblemsOnStderrTests
{
    [Fact]
    public void Problems_of_a_partly_read_store_are_on_stderr_capped_with_the_total()
    {
        using var fixture = Fixture.Unpack("tracked-file");
        var experiment = Directory.EnumerateDirectories(Path.Combine(fixture.Path, "mlruns")).First(d => Path.GetFileName(d) != "0" && File.Exists(Path.Combine(d, "meta.yaml")));
        for (var i = 0; i < 25; i++)
        {
            var run = Path.Combine(experiment, $"{i:x32}");
            Directory.CreateDirectory(run);
            File.WriteAllText(Path.Combine(run, "meta.yaml"), "run_id: [unclosed\n");
        }

        var (audit, report) = CliRun.AuditToJson(fixture.Path);

        var tracking = report.GetProperty("subject").GetProperty("tracking");
        Assert.Equal("partial", tracking.GetProperty("state").GetString());
        var total = report.GetProperty("problemsTotal").GetInt32();
        Assert.True(total >= 25, $"{total} problems");
        var warnings = audit.Error.Split('\n').Where(l => l.StartsWith("mlaudit: warning: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(20, warnings.Count);
        Assert.All(warnings, w => Assert.Contains("meta.yaml", w, StringComparison.Ordinal));
        Assert.Contains($"mlaudit: {total} problems in all, the first 20 shown", audit.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_default_store_is_told_on_stderr_and_the_audit_goes_on()
    {
        using var project = new TempFolder();
        File.WriteAllText(project.Combine("mlflow.db"), "not a database\n");

        var (run, report) = CliRun.AuditToJson(project.Path);

        var tracking = report.GetProperty("subject").GetProperty("tracking");
        Assert.Equal(("sqlite:///mlflow.db", "default", "unreadable"), (tracking.GetProperty("uri").GetString(), tracking.GetProperty("source").GetString(), tracking.GetProperty("state").GetString()));
        Assert.Contains("file is not a database", tracking.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var line = Assert.Single(run.Error.Split('\n'), l => l.Contains("sqlite:///mlflow.db", StringComparison.Ordinal));
        Assert.Contains("could not be read", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_any_store_the_subject_still_says_which_store_was_looked_for()
    {
        using var fixture = Fixture.Unpack("untracked");

        var (run, report) = CliRun.AuditToJson(fixture.Path);

        var tracking = report.GetProperty("subject").GetProperty("tracking");
        Assert.Equal(JsonValueKind.Object, tracking.ValueKind);
        Assert.Equal(("none", "none"), (tracking.GetProperty("source").GetString(), tracking.GetProperty("state").GetString()));
        Assert.Contains("no MLflow tracking store", run.Error, StringComparison.Ordinal);
    }
}
