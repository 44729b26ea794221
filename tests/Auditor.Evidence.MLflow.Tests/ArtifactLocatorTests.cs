using Auditor.Core.Tracking;
using Auditor.Evidence.MLflow.Artifacts;
using Auditor.Testing;

namespace Auditor.Evidence.MLflow.Tests;

/// <summary>
/// The one resolution every recorded artifact location goes through: what a store written on another machine records
/// still finds its model under the store, and nothing that leaves the project, the store or an artifact root is read,
/// whatever the spelling (<c>..</c> encoded or with backslashes, absolute paths, file URIs, links).
/// </summary>
public sealed class ArtifactLocatorTests : IDisposable
{
    private const string Run = "1/0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    private const string Marker = "OUTSIDE-MARKER-7f3a";

    private readonly TempFolder _temp = new();

    public ArtifactLocatorTests()
    {
        WriteModel(Path.Combine(Project, "mlruns", Run, "artifacts", "model"), "sklearn");
        WriteModel(Path.Combine(Outside, "model"), Marker);
        Directory.CreateSymbolicLink(Path.Combine(Project, "link-out"), Outside);
        Directory.CreateSymbolicLink(Path.Combine(Project, "mlruns", "1", "linked-run"), Outside);
    }

    private string Project => _temp.Combine("project");

    private string Outside => _temp.Combine("outside");

    public static TheoryData<string, ModelArtifactState> Locations => new()
    {
        // A store written elsewhere: found under the store by the part after mlruns, in every spelling MLflow writes.
        { "/home/alice/proj/mlruns/" + Run + "/artifacts/model", ModelArtifactState.Found },
        { "file:///home/alice/proj/mlruns/" + Run + "/artifacts/model", ModelArtifactState.Found },
        { "file:/home/alice/proj/mlruns/" + Run + "/artifacts/model", ModelArtifactState.Found },
        { "file://buildhost/home/alice/proj/mlruns/" + Run + "/artifacts/model", ModelArtifactState.Found },
        { @"C:\Users\alice\proj\mlruns\1\0a1b2c3d4e5f60718293a4b5c6d7e8f9\artifacts\model", ModelArtifactState.Found },
        { "C:/Users/alice/proj/mlruns/" + Run + "/artifacts/model", ModelArtifactState.Found },
        { "file:///C:/Users/alice/proj/mlruns/" + Run + "/artifacts/model", ModelArtifactState.Found },
        { @"\\fileserver\share\proj\mlruns\1\0a1b2c3d4e5f60718293a4b5c6d7e8f9\artifacts\model", ModelArtifactState.Found },
        { "/home/alice/proj/mlruns/1/x/../0a1b2c3d4e5f60718293a4b5c6d7e8f9/artifacts/model", ModelArtifactState.Found },

        // Climbing out of the store, in any spelling.
        { "/nonexistent/x/mlruns/../../outside/model", ModelArtifactState.Refused },
        { "/nonexistent/x/mlruns/%2e%2e/%2e%2e/outside/model", ModelArtifactState.Refused },
        { "/nonexistent/x/mlruns/%2E%2E%2F%2E%2E%2Foutside/model", ModelArtifactState.Refused },
        { "/nonexistent/x/mlruns/.%2E/%2e./outside/model", ModelArtifactState.Refused },
        { "/nonexistent/x/mlruns/%252e%252e/%252e%252e/outside/model", ModelArtifactState.Refused },
        { "file:///nonexistent/x/mlruns/%2e%2e/%2e%2e/outside/model", ModelArtifactState.Refused },
        { @"C:\nonexistent\mlruns\..\..\outside\model", ModelArtifactState.Refused },
        { @"\\fileserver\share\mlruns\..\..\outside\model", ModelArtifactState.Refused },

        // Links out, NUL, absurd lengths; remote schemes are never followed.
        { "/home/alice/proj/mlruns/1/linked-run/model", ModelArtifactState.Refused },
        { "/nonexistent/mlruns/" + Run + "/artifacts/model\0/../../../../outside", ModelArtifactState.Refused },
        { "file:///nonexistent/mlruns/" + Run + "/artifacts/model%00", ModelArtifactState.Refused },
        { "/nonexistent/mlruns/" + Run + "/" + new string('a', 5000), ModelArtifactState.Refused },
        { "/nonexistent/mlruns/" + Run + "/" + new string('a', 300) + "/model", ModelArtifactState.Missing },
        { "/nonexistent/mlruns/" + Run + "/" + string.Concat(Enumerable.Repeat("d/", 1500)) + "model", ModelArtifactState.Missing },
        { "/home/someone/old_models/taxi/model", ModelArtifactState.Missing },
        { "s3://bucket/mlruns/" + Run + "/artifacts/model", ModelArtifactState.Remote },
    };

    [Theory]
    [MemberData(nameof(Locations))]
    public void A_recorded_location_resolves_inside_its_roots_or_is_refused(string location, ModelArtifactState expected)
    {
        var (artifact, problems) = Read(location);

        Assert.Equal(expected, artifact.State);
        Assert.NotEqual(Marker, artifact.RunId);
        Assert.Equal(expected == ModelArtifactState.Refused, problems.ToList().Any(p => p.Message.EndsWith("not read", StringComparison.Ordinal) || p.Message.EndsWith("not followed", StringComparison.Ordinal)));
        if (expected == ModelArtifactState.Found)
        {
            Assert.Equal(Path.Combine(Project, "mlruns", Run, "artifacts", "model"), artifact.LocalPath);
        }
    }

    [Fact]
    public void An_absolute_path_that_exists_outside_the_project_is_refused()
    {
        foreach (var location in new[] { Path.Combine(Outside, "model"), "file://" + Path.Combine(Outside, "model"), Path.Combine(Project, "link-out", "model"), Path.Combine(Project, "..", "outside", "model") })
        {
            var (artifact, problems) = Read(location);

            Assert.Equal(ModelArtifactState.Refused, artifact.State);
            Assert.Contains(problems.ToList(), p => p.Message == "outside the project, the store and the artifact roots; not read");
        }
    }

    [Fact]
    public void An_absolute_path_that_exists_inside_the_project_is_read_as_written()
    {
        var (artifact, _) = Read(Path.Combine(Project, "mlruns", Run, "artifacts", "model"));

        Assert.Equal((ModelArtifactState.Found, "sklearn"), (artifact.State, artifact.RunId));
    }

    [Fact]
    public void An_MLmodel_that_is_a_link_out_of_the_store_is_refused_and_a_linked_requirements_file_is_not_read()
    {
        var model = Path.Combine(Project, "mlruns", Run, "artifacts", "model");
        File.Delete(Path.Combine(model, "requirements.txt"));
        File.CreateSymbolicLink(Path.Combine(model, "requirements.txt"), Path.Combine(Outside, "model", "requirements.txt"));
        var pinnedOutside = Read(model).Artifact;
        File.Delete(Path.Combine(model, "MLmodel"));
        File.CreateSymbolicLink(Path.Combine(model, "MLmodel"), Path.Combine(Outside, "model", "MLmodel"));

        var (linked, problems) = Read(model);

        Assert.Equal((ModelArtifactState.Found, false), (pinnedOutside.State, pinnedOutside.Environment.HasRequirements));
        Assert.Equal(ModelArtifactState.Refused, linked.State);
        Assert.Contains(problems.ToList(), p => p.Message.StartsWith("MLmodel is a symbolic link out of", StringComparison.Ordinal));
    }

    [Fact]
    public void An_artifact_root_that_is_itself_a_link_is_followed_to_its_target()
    {
        var linkedRoot = _temp.Combine("linked-root");
        Directory.CreateSymbolicLink(linkedRoot, Path.Combine(Project, "mlruns"));
        var locator = new ArtifactLocator([linkedRoot], Project);

        var place = locator.Find("/home/alice/proj/mlruns/" + Run + "/artifacts/model");

        Assert.Equal(ModelArtifactState.Found, place.State);
    }

    [Theory]
    [InlineData("a/b/../c", "a/c")]
    [InlineData("./a//b/", "a/b")]
    [InlineData(@"a\b\..\c", "a/c")]
    [InlineData("a/%2e%2e/b", "b")]
    [InlineData("a/b/%2E%2E/%2e%2E/c", "c")]
    [InlineData("..", null)]
    [InlineData("a/../..", null)]
    [InlineData("%2e%2e%2fx", null)]
    [InlineData("a/%252E%252E/%252e%252e", null)]
    [InlineData("a/b%00c", null)]
    public void A_relative_part_is_normalized_and_refused_when_it_climbs_above_its_start(string path, string? expected) =>
        Assert.Equal(expected, ArtifactPath.Relative(path));

    public void Dispose() => _temp.Dispose();

    private (ModelArtifact Artifact, ProblemLog Problems) Read(string location)
    {
        var problems = new ProblemLog();
        var locator = new ArtifactLocator([Path.Combine(Project, "mlruns")], Project, trustedFolders: [Project]);
        return (new LocalModelArtifacts(locator, problems).ReadAsync(location).GetAwaiter().GetResult(), problems);
    }

    private static void WriteModel(string folder, string runId)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "MLmodel"), $"run_id: {runId}\nflavors:\n  python_function: {{}}\n");
        File.WriteAllText(Path.Combine(folder, "requirements.txt"), "numpy==1.26.4\n");
    }
}
