using System.Text.Json.Nodes;
using Auditor.Testing;

namespace Auditor.Cli.Tests;

/// <summary>
/// A monorepo whose two project folders share one store (the tracked-file fixture's, written by MLflow): each project
/// is audited as its own subject with the runs, registered models and versions that belong to it, and the runs that
/// belong to no project are listed.
/// </summary>
public sealed class ProjectsAuditTests
{
    [Fact]
    public void Two_projects_sharing_one_store_each_get_their_own_runs_models_level_and_trace()
    {
        using var fixture = Fixture.Unpack("tracked-file");
        var repo = fixture.Path;
        foreach (var project in new[] { "nyc-taxi-duration", "nyc-taxi-baselines" })
        {
            var folder = Path.Combine(repo, "projects", project);
            Directory.CreateDirectory(folder);
            File.Copy(Path.Combine(repo, "train.py"), Path.Combine(folder, "train.py"));
            File.Copy(Path.Combine(repo, "requirements.txt"), Path.Combine(folder, "requirements.txt"));
        }

        GitCli.Run(repo, "add", "projects");
        GitCli.Run(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "Split into projects");
        using var output = new TempFolder();

        var run = CliRun.Invoke(repo, null, "audit", repo, "--projects", "projects/*", "-f", "console,json", "--output-dir", output.Path);

        Assert.True(run.ExitCode == 0, run.Error);
        var duration = JsonNode.Parse(File.ReadAllText(output.Combine("projects", "nyc-taxi-duration", "report.json")))!;
        var baselines = JsonNode.Parse(File.ReadAllText(output.Combine("projects", "nyc-taxi-baselines", "report.json")))!;
        var expected = Fixture.Expected("tracked-file");
        var runsByExperiment = expected.GetProperty("experiments").EnumerateArray()
            .ToDictionary(e => e.GetProperty("name").GetString()!, e => e.TryGetProperty("runs", out var runs) ? runs.GetInt32() : 0);
        Assert.Equal(runsByExperiment["nyc-taxi-duration"], (int)duration["inventory"]!["runs"]!["total"]!);
        Assert.Equal(runsByExperiment["nyc-taxi-baselines"], (int)baselines["inventory"]!["runs"]!["total"]!);
        Assert.Equal(1, (int)duration["inventory"]!["experiments"]!["total"]!);
        Assert.EndsWith(Path.Combine("projects", "nyc-taxi-duration"), (string)duration["subject"]!["path"]!);

        var durationModels = duration["trace"]!.AsArray().Select(t => (string)t!["model"]!).Distinct().ToList();
        var baselineModels = baselines["trace"]!.AsArray().Select(t => (string)t!["model"]!).Distinct().ToList();
        Assert.Equal(["nyc-taxi-regressor"], durationModels);
        Assert.Equal(["nyc-taxi-baseline"], baselineModels);
        Assert.Equal("reproducible", (string)duration["trace"]!.AsArray().Single(t => (bool)t!["serving"]!)!["verdict"]!);
        Assert.Equal(1, (int)baselines["inventory"]!["registeredModels"]!);

        var portfolio = JsonNode.Parse(File.ReadAllText(output.Combine("portfolio.json")))!;
        SchemaValidator.AssertValid(Path.Combine(TestPaths.RepositoryRoot, "docs", "portfolio.schema.json"), portfolio.ToJsonString());
        var rows = portfolio["projects"]!.AsArray().ToDictionary(p => (string)p!["project"]!, p => p!);
        Assert.Equal((int)duration["maturity"]!["level"]!, (int)rows["tracked-file/projects/nyc-taxi-duration"]["level"]!);
        Assert.Equal((int)baselines["maturity"]!["level"]!, (int)rows["tracked-file/projects/nyc-taxi-baselines"]["level"]!);
        var unattributed = runsByExperiment.Where(e => e.Key is not ("nyc-taxi-duration" or "nyc-taxi-baselines")).Sum(e => e.Value);
        Assert.True(unattributed > 0);
        Assert.Equal(unattributed, (int)portfolio["unattributed"]!["runs"]!);
        Assert.Contains($"{unattributed} runs belong to no project:", run.Out);
        Assert.Contains("mlaudit portfolio: 2 projects", run.Out);
    }

    [Fact]
    public void A_pattern_that_matches_no_folder_or_leaves_path_is_exit_2()
    {
        using var fixture = Fixture.Unpack("tracked-file");

        var none = CliRun.Invoke(fixture.Path, null, "audit", fixture.Path, "--projects", "services/*");
        var escape = CliRun.Invoke(fixture.Path, null, "audit", fixture.Path, "--projects", "../*");
        var withModel = CliRun.Invoke(fixture.Path, null, "audit", fixture.Path, "--projects", "scripts", "--model", "m");

        Assert.Equal(2, none.ExitCode);
        Assert.Contains("--projects 'services/*': no folder under", none.Error);
        Assert.Equal(2, escape.ExitCode);
        Assert.Contains("no '**', '..' or absolute paths", escape.Error);
        Assert.Equal(2, withModel.ExitCode);
        Assert.Contains("--projects: audits several projects", withModel.Error);
    }
}
