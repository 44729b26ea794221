using System.Diagnostics;
using System.Text.Json;
using Auditor.Core.Tracking;
using Auditor.Testing;
using static Auditor.Evidence.MLflow.Tests.ObjectStoreReads;

namespace Auditor.Evidence.MLflow.Tests;

/// <summary>
/// Model files in S3, read from s3rver on 127.0.0.1 behind the tests' SigV4-checking proxy: a fixture's artifacts
/// uploaded there and its SQLite store's locations rewritten to <c>s3://</c> give the facts reading them from disk
/// gives, with at most three requests per model; without credentials, with a wrong secret, against a refusal, a
/// missing object, an oversized file, a stalled server or a key that climbs, the model stays unknown or missing with
/// one line, and nothing outside the model folder is asked for.
/// </summary>
public sealed class S3ArtifactTests
{
    private const string Bucket = "mlflow";

    static S3ArtifactTests() => Environment.SetEnvironmentVariable("NO_PROXY", "127.0.0.1,localhost");

    [Theory]
    [InlineData("tracked-sqlite")]
    [InlineData("tracked-sqlite-3x")]
    public void Model_files_in_S3_are_those_read_from_disk(string name)
    {
        using var s3 = S3Server.StartForTests();
        if (s3 is null)
        {
            return;
        }

        using var fixture = Fixture.Unpack(name);
        var local = StoreFixture.Read(fixture);
        using var copy = new TempFolder();
        var database = Upload(s3, fixture, copy);

        var remote = Read(database, s3.Variables());

        Assert.All(Versions(local), v => Assert.Equal(ModelArtifactState.Found, v.Artifact?.State));
        Assert.Equal(ObjectStoreReads.Artifacts(local), ObjectStoreReads.Artifacts(remote));
        Assert.All(Versions(remote), v => Assert.Equal("s3", v.Artifact?.ReadFrom));
        Assert.All(Versions(remote), v => Assert.StartsWith($"s3://{Bucket}/", v.Artifact!.Uri, StringComparison.Ordinal));
        Assert.Empty(remote.Problems);

        // One listing of the model folder, then MLmodel and requirements.txt: at most three requests per model read.
        var models = remote.ModelArtifacts.Count;
        Assert.InRange(s3.Requests.Count, 1, 3 * models);
        Assert.All(s3.Requests, r => Assert.Equal("GET", r.Method));
        Assert.All(s3.Requests.Where(r => r.PathAndQuery.Contains("list-type=2", StringComparison.Ordinal)),
            r => Assert.Contains("delimiter=%2F", r.PathAndQuery, StringComparison.Ordinal));
    }

    [Fact]
    public void Without_credentials_S3_is_not_asked_and_the_model_is_unknown_naming_the_variables()
    {
        using var s3 = S3Server.StartForTests();
        if (s3 is null)
        {
            return;
        }

        using var fixture = Fixture.Unpack("tracked-sqlite");
        using var copy = new TempFolder();
        var database = Upload(s3, fixture, copy);
        var variables = s3.Variables();
        variables.Remove("AWS_ACCESS_KEY_ID");
        variables.Remove("AWS_SECRET_ACCESS_KEY");
        s3.Requests.Clear();

        var remote = Read(database, variables);

        Assert.All(Versions(remote), v => Assert.Equal(ModelArtifactState.Remote, v.Artifact?.State));
        Assert.All(Versions(remote), v => Assert.Contains("AWS_ACCESS_KEY_ID", v.Artifact!.Reason, StringComparison.Ordinal));
        var problem = Assert.Single(remote.Problems);
        Assert.Contains("set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE), or pass --artifact-credentials", problem.Message, StringComparison.Ordinal);
        Assert.Empty(s3.Requests);
    }

    [Fact]
    public void A_wrong_secret_is_refused_by_the_signature_check_in_one_line_without_the_secret()
    {
        using var s3 = S3Server.StartForTests();
        if (s3 is null)
        {
            return;
        }

        using var fixture = Fixture.Unpack("tracked-sqlite");
        using var copy = new TempFolder();
        var database = Upload(s3, fixture, copy);
        const string wrong = "wrong-Secret-0815-not-the-one";

        var remote = Read(database, s3.Variables(secret: wrong));

        Assert.All(Versions(remote), v => Assert.Equal(ModelArtifactState.Unreadable, v.Artifact?.State));
        Assert.NotEmpty(remote.Problems);
        Assert.All(remote.Problems, p => Assert.StartsWith("S3 refused the request (HTTP 403 SignatureDoesNotMatch)", p.Message, StringComparison.Ordinal));
        Assert.All(remote.Problems, p => Assert.DoesNotContain('\n', p.Message));
        Assert.DoesNotContain(wrong, JsonSerializer.Serialize(remote, ObjectStoreReads.Json), StringComparison.Ordinal);
        Assert.DoesNotContain(S3Server.Secret, JsonSerializer.Serialize(remote, ObjectStoreReads.Json), StringComparison.Ordinal);
    }

    [Fact]
    public void A_refusal_leaves_the_model_unknown_with_the_reason()
    {
        using var s3 = S3Server.StartForTests();
        if (s3 is null)
        {
            return;
        }

        using var fixture = Fixture.Unpack("tracked-sqlite");
        using var copy = new TempFolder();
        var database = Upload(s3, fixture, copy);
        var refused = Version(StoreFixture.Read(fixture), "nyc-taxi-regressor", 2).RunId!;
        s3.Intercept = context =>
        {
            if (!Uri.UnescapeDataString(context.Request.RawUrl!).Contains(refused, StringComparison.Ordinal))
            {
                return false;
            }

            S3Server.Reply(context, 403, S3Server.Error("AccessDenied", "Access Denied"));
            return true;
        };

        var remote = Read(database, s3.Variables());

        var version = Version(remote, "nyc-taxi-regressor", 2);
        Assert.Equal(ModelArtifactState.Unreadable, version.Artifact?.State);
        Assert.Equal("S3 refused the request (HTTP 403 AccessDenied): Access Denied", version.Artifact!.Reason);
        Assert.Contains(remote.Problems, p => p.Path == version.Artifact.Uri && p.Message == version.Artifact.Reason);
        Assert.Equal(3, Versions(remote).Count(v => v.Artifact?.State == ModelArtifactState.Found));
    }

    [Fact]
    public void A_missing_object_is_missing()
    {
        using var s3 = S3Server.StartForTests();
        if (s3 is null)
        {
            return;
        }

        using var fixture = Fixture.Unpack("tracked-sqlite");
        using var copy = new TempFolder();
        var database = Upload(s3, fixture, copy);
        ObjectStoreCopy.SetVersionLocation(database, "nyc-taxi-regressor", 2, $"s3://{Bucket}/nowhere/model");
        ObjectStoreCopy.SetVersionLocation(database, "nyc-taxi-regressor", 3, "s3://no-such-bucket/model");

        var remote = Read(database, s3.Variables());

        Assert.Equal(ModelArtifactState.Missing, Version(remote, "nyc-taxi-regressor", 2).Artifact?.State);
        Assert.Equal(ModelArtifactState.Missing, Version(remote, "nyc-taxi-regressor", 3).Artifact?.State);
        Assert.Equal("s3", Version(remote, "nyc-taxi-regressor", 3).Artifact?.ReadFrom);
        Assert.Empty(remote.Problems);
    }

    [Fact]
    public void A_file_over_the_size_bound_is_never_downloaded()
    {
        using var s3 = S3Server.StartForTests();
        if (s3 is null)
        {
            return;
        }

        using var fixture = Fixture.Unpack("tracked-sqlite");
        var local = StoreFixture.Read(fixture);
        var folder = Version(local, "nyc-taxi-regressor", 2).Artifact!.LocalPath!;
        File.WriteAllText(Path.Combine(folder, "MLmodel"), "flavors: {}\n" + new string('#', 2 * 1024 * 1024));
        using var copy = new TempFolder();
        var database = Upload(s3, fixture, copy);

        var remote = Read(database, s3.Variables());

        var version = Version(remote, "nyc-taxi-regressor", 2);
        Assert.Equal(ModelArtifactState.Unreadable, version.Artifact?.State);
        var problem = Assert.Single(remote.Problems);
        Assert.Equal(version.Artifact!.Uri + "/MLmodel", problem.Path);
        Assert.StartsWith("larger than 1 MiB (2097164 bytes); not read", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(s3.Requests, r => r.PathAndQuery.Contains(version.RunId!, StringComparison.Ordinal) && r.PathAndQuery.EndsWith("/MLmodel", StringComparison.Ordinal));
    }

    [Fact]
    public void A_server_that_stalls_costs_the_model_files_within_the_bounds()
    {
        using var s3 = S3Server.StartForTests();
        if (s3 is null)
        {
            return;
        }

        using var fixture = Fixture.Unpack("tracked-sqlite");
        using var copy = new TempFolder();
        var database = Upload(s3, fixture, copy);
        s3.Intercept = _ =>
        {
            s3.Stopping.WaitHandle.WaitOne();
            return true;
        };

        var clock = Stopwatch.StartNew();
        var remote = Read(database, s3.Variables(), new TrackingReadOptions { RequestTimeout = TimeSpan.FromSeconds(1), MaxRetries = 0, Deadline = TimeSpan.FromSeconds(4) });

        Assert.InRange(clock.Elapsed.TotalSeconds, 0, 20);
        Assert.All(Versions(remote), v => Assert.Equal(ModelArtifactState.Unreadable, v.Artifact?.State));
        Assert.All(Versions(remote), v => Assert.Matches("^(S3 sent no answer within 1 s|S3 did not answer|the deadline for reading object storage \\(4 s\\) passed)", v.Artifact!.Reason!));
        Assert.Equal(15, remote.Runs.Count);
    }

    [Theory]
    [InlineData("s3://mlflow/1/run/artifacts/../../../other/model")]
    [InlineData("s3://mlflow/1/run/artifacts/%2e%2e/%2E%2E/other/model")]
    [InlineData("s3://mlflow/1/run/artifacts/..%2F..%2Fother/model")]
    public void A_key_that_climbs_out_of_the_model_folder_is_refused_without_a_request(string location)
    {
        using var s3 = S3Server.StartForTests();
        if (s3 is null)
        {
            return;
        }

        using var fixture = Fixture.Unpack("tracked-sqlite");
        using var copy = new TempFolder();
        var database = Upload(s3, fixture, copy);
        ObjectStoreCopy.SetVersionLocation(database, "nyc-taxi-regressor", 2, location);

        var remote = Read(database, s3.Variables());

        Assert.Equal(ModelArtifactState.Refused, Version(remote, "nyc-taxi-regressor", 2).Artifact?.State);
        Assert.Contains(remote.Problems, p => p.Path == location && p.Message.StartsWith("climbs with '..'", StringComparison.Ordinal));
        Assert.DoesNotContain(s3.Requests, r => r.PathAndQuery.Contains("other", StringComparison.Ordinal));
        Assert.Equal(3, Versions(remote).Count(v => v.Artifact?.State == ModelArtifactState.Found));
    }

    private static string Upload(S3Server s3, Fixture fixture, TempFolder copy) => s3.UploadStore(fixture.Path, Bucket, copy.Path);

    private static TrackingStore Read(string database, IReadOnlyDictionary<string, string?> variables, TrackingReadOptions? options = null) =>
        ObjectStoreReads.Read(database, (options ?? new TrackingReadOptions()) with { Variables = n => variables.GetValueOrDefault(n) });
}
