using System.Text.Json;
using System.Text.Json.Serialization;
using Auditor.Core.Evidence;
using Auditor.Core.Tracking;
using Auditor.Testing;

namespace Auditor.Evidence.MLflow.Tests;

/// <summary>
/// Registered versions' model files read through a tracking server's artifact endpoints must say what reading them
/// from disk says: a 2.x store (the model in its run's artifacts) and 3.x stores (logged models), with as few
/// requests as the facts need. A file that is missing, too large or slow to come costs that model, not the audit.
/// </summary>
public sealed class RestArtifactTests
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    [Theory]
    [InlineData("tracked-sqlite")]
    [InlineData("tracked-sqlite-3x")]
    [InlineData("tracked-file-3x")]
    public void Versions_model_files_over_REST_are_those_read_from_disk(string name)
    {
        using var fixture = Fixture.Unpack(name);
        var local = StoreFixture.Read(fixture);
        using var server = new MlflowRestServer(local, pageSize: 3);

        var rest = Read(server.Uri);

        var versions = Versions(local).Count;
        Assert.All(Versions(local), v => Assert.Equal(ModelArtifactState.Found, v.Artifact?.State));
        Assert.Equal(Artifacts(local), Artifacts(rest));
        Assert.Empty(rest.Problems);

        // One listing per version, then requirements.txt and MLmodel; conda.yaml and python_env.yaml need only exist.
        var artifactRequests = ArtifactRequests(server);
        Assert.Equal(3 * versions, artifactRequests.Count);
        var is3x = name.EndsWith("-3x", StringComparison.Ordinal);
        Assert.Equal(versions, artifactRequests.Count(r => r.Contains(is3x ? "/artifacts/directories" : "/artifacts/list", StringComparison.Ordinal)));
        Assert.Equal(versions, artifactRequests.Count(r => r.EndsWith("MLmodel", StringComparison.Ordinal)));
        Assert.Equal(versions, artifactRequests.Count(r => r.EndsWith("requirements.txt", StringComparison.Ordinal)));
        Assert.All(artifactRequests.Where(r => r.Contains("MLmodel", StringComparison.Ordinal)),
            r => Assert.StartsWith(is3x ? "/ajax-api/2.0/mlflow/logged-models/m-" : "/get-artifact?run_uuid=", r, StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_MLmodel_is_missing_without_asking_for_it()
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");
        var folder = ModelFolder(fixture, "nyc-taxi-regressor", 2);
        File.Delete(Path.Combine(folder, "MLmodel"));
        var local = StoreFixture.Read(fixture);
        using var server = new MlflowRestServer(local);

        var rest = Read(server.Uri);

        Assert.Equal(ModelArtifactState.Missing, Version(rest, "nyc-taxi-regressor", 2).Artifact?.State);
        Assert.Equal(Artifacts(local), Artifacts(rest));
        var runId = Version(local, "nyc-taxi-regressor", 2).RunId!;
        Assert.Single(ArtifactRequests(server), r => r.Contains(runId, StringComparison.Ordinal));
        Assert.DoesNotContain(server.Requests, r => r.PathAndQuery.StartsWith("/get-artifact", StringComparison.Ordinal) && r.PathAndQuery.Contains(runId, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_MLmodel_over_the_size_bound_is_unreadable_with_a_problem_and_the_audit_goes_on(bool listedWithSize)
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");
        var folder = ModelFolder(fixture, "nyc-taxi-regressor", 2);
        File.WriteAllText(Path.Combine(folder, "MLmodel"), "flavors: {}\n" + new string('#', 2 * 1024 * 1024));
        var local = StoreFixture.Read(fixture);
        using var server = new MlflowRestServer(local);
        server.Artifacts.ReportsFileSizes = listedWithSize;

        var rest = Read(server.Uri);

        Assert.Equal(ModelArtifactState.Unreadable, Version(rest, "nyc-taxi-regressor", 2).Artifact?.State);
        Assert.Equal(Artifacts(local), Artifacts(rest));
        Assert.Equal(3, Versions(rest).Count(v => v.Artifact?.State == ModelArtifactState.Found));
        var problem = Assert.Single(rest.Problems);
        Assert.EndsWith("/model/MLmodel", problem.Path, StringComparison.Ordinal);
        Assert.StartsWith("larger than 1 MiB (2097164 bytes); not read", problem.Message, StringComparison.Ordinal);
        Assert.Equal(problem.Message, Assert.Single(local.Problems).Message);

        // A size in the listing saves the request; without one, the download stops at the announced length.
        var asked = ArtifactRequests(server).Count(r => r.Contains(Version(local, "nyc-taxi-regressor", 2).RunId!, StringComparison.Ordinal) && r.EndsWith("MLmodel", StringComparison.Ordinal));
        Assert.Equal(listedWithSize ? 0 : 1, asked);
    }

    [Fact]
    public void A_server_error_on_an_artifact_is_retried_then_read()
    {
        using var fixture = Fixture.Unpack("tracked-sqlite-3x");
        var local = StoreFixture.Read(fixture);
        using var server = new MlflowRestServer(local);
        var failed = 0;
        server.Intercept = (context, _) =>
        {
            if (!context.Request.Url!.PathAndQuery.EndsWith("MLmodel", StringComparison.Ordinal) || Interlocked.Exchange(ref failed, 1) == 1)
            {
                return false;
            }

            MlflowRestServer.Reply(context, 500, """{"error_code": "INTERNAL_ERROR", "message": "try again"}""");
            return true;
        };

        var rest = Read(server.Uri);

        Assert.Equal(1, failed);
        Assert.Equal(Artifacts(local), Artifacts(rest));
        Assert.Empty(rest.Problems);
        Assert.Equal(Versions(local).Count + 1, ArtifactRequests(server).Count(r => r.EndsWith("MLmodel", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_server_that_keeps_failing_costs_the_model_files_not_the_audit()
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");
        using var server = new MlflowRestServer(StoreFixture.Read(fixture));
        server.Intercept = (context, _) =>
        {
            if (!context.Request.Url!.AbsolutePath.Contains("artifacts/list", StringComparison.Ordinal))
            {
                return false;
            }

            MlflowRestServer.Reply(context, 503, """{"error_code": "TEMPORARILY_UNAVAILABLE", "message": "down"}""");
            return true;
        };

        var rest = Read(server.Uri, RestStoreTests.Options() with { MaxRetries = 1 });

        Assert.All(Versions(rest), v => Assert.Equal(ModelArtifactState.Unreadable, v.Artifact?.State));
        Assert.Equal(Versions(rest).Count, rest.Problems.Count);
        Assert.All(rest.Problems, p => Assert.Contains("HTTP 503 Service Unavailable (TEMPORARILY_UNAVAILABLE) after 2 attempts", p.Message, StringComparison.Ordinal));
        Assert.All(rest.Problems, p => Assert.DoesNotContain('\n', p.Message));
        Assert.Equal(15, rest.Runs.Count);
    }

    [Fact]
    public void A_version_outside_every_run_the_server_lists_is_left_unchecked_without_a_request()
    {
        using var fixture = Fixture.Unpack("sloppy-file");
        using var server = new MlflowRestServer(StoreFixture.Read(fixture), hasLoggedModelsEndpoint: false);

        var rest = Read(server.Uri);

        var outside = Version(rest, "taxi-model", 4);
        Assert.Equal("/home/someone/old_models/taxi/model", outside.Source);
        Assert.Equal(ModelArtifactState.Remote, outside.Artifact?.State);
        Assert.DoesNotContain(ArtifactRequests(server), r => r.Contains("old_models", StringComparison.Ordinal));

        // Version 3's run is gone for good (its folder with it), so no run the server lists holds its model either.
        Assert.Null(rest.Runs.FirstOrDefault(r => r.Id == Version(rest, "taxi-model", 3).RunId));
        Assert.Equal(ModelArtifactState.Remote, Version(rest, "taxi-model", 3).Artifact?.State);
        Assert.Equal(2, ArtifactRequests(server).Count(r => r.Contains("/artifacts/list", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_proxied_mlflow_artifacts_location_is_read_through_the_proxied_endpoints()
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");
        var runId = ArtifactRootTests.MoveVersionToProxiedStore(fixture, "nyc-taxi-regressor", 2);
        var mlruns = Path.Combine(fixture.Path, "mlruns");
        var local = Collect(TrackingUriResolver.Parse("sqlite:///" + Path.Combine(fixture.Path, "mlflow.db"), "/"), new TrackingReadOptions { Variables = _ => null, ArtifactRoots = [mlruns] });
        using var server = new MlflowRestServer(local, artifactRoot: mlruns);

        var rest = Read(server.Uri);

        Assert.Equal(ModelArtifactState.Found, Version(rest, "nyc-taxi-regressor", 2).Artifact?.State);
        Assert.Equal(Artifacts(local), Artifacts(rest));
        Assert.Contains(ArtifactRequests(server), r => r == $"/api/2.0/mlflow-artifacts/artifacts?path=2%2F{runId}%2Fartifacts%2Fmodel");
        Assert.Contains(ArtifactRequests(server), r => r == $"/api/2.0/mlflow-artifacts/artifacts/2/{runId}/artifacts/model/MLmodel");
    }

    [Theory]
    [InlineData("/../../")]
    [InlineData("/%2e%2e/%2E%2E/")]
    [InlineData("/artifacts/..%2F..%2F..%2F")]
    public void A_version_that_climbs_out_of_its_runs_artifacts_is_refused_without_a_request(string climb)
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");
        var store = StoreFixture.Read(fixture);
        var version = Version(store, "nyc-taxi-regressor", 2);
        var run = store.Runs.Single(r => r.Id == version.RunId);
        var source = run.ArtifactUri + climb + "other-run/artifacts/model";
        var local = store with { RegisteredModels = store.RegisteredModels.Select(m => m with { Versions = m.Versions.Select(v => v == version ? v with { Source = source, StorageLocation = source } : v).ToList() }).ToList() };
        using var server = new MlflowRestServer(local);

        var rest = Read(server.Uri);

        Assert.Equal(ModelArtifactState.Refused, Version(rest, "nyc-taxi-regressor", 2).Artifact?.State);
        Assert.Contains(rest.Problems, p => p.Path == source && p.Message == "climbs out of its artifact tree with '..'; not read");
        Assert.DoesNotContain(ArtifactRequests(server), r => r.Contains("other-run", StringComparison.Ordinal));
        Assert.Equal(3, Versions(rest).Count(v => v.Artifact?.State == ModelArtifactState.Found));
    }

    private static string ModelFolder(Fixture fixture, string model, int version)
    {
        var store = StoreFixture.Read(fixture);
        return Version(store, model, version).Artifact!.LocalPath!;
    }

    private static ModelVersion Version(TrackingStore store, string model, int version) =>
        Versions(store).Single(v => v.ModelName == model && v.Version == version);

    private static List<ModelVersion> Versions(TrackingStore store) => store.RegisteredModels.SelectMany(m => m.Versions).ToList();

    /// <summary>Each version's model files as facts, without the local folder they were found in.</summary>
    private static string Artifacts(TrackingStore store) =>
        JsonSerializer.Serialize(Versions(store).Select(v => new { v.ModelName, v.Version, Artifact = v.Artifact is null ? null : v.Artifact with { LocalPath = null, ReadFrom = null } }), Json);

    private static List<string> ArtifactRequests(MlflowRestServer server) =>
        server.Requests.Select(r => r.PathAndQuery).Where(p => !p.Contains("/search", StringComparison.Ordinal)).ToList();

    private static TrackingStore Read(string uri, TrackingReadOptions? options = null) =>
        Collect(TrackingUriResolver.Parse(uri, "/"), options ?? RestStoreTests.Options());

    private static TrackingStore Collect(TrackingLocation location, TrackingReadOptions options)
    {
        var collected = TrackingStoreReader.Collect(location, options);
        Assert.True(collected.State == CollectionState.Present, collected.Reason);
        return collected.Value!;
    }
}
