using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Auditor.Core.Tracking;
using Auditor.Testing;
using static Auditor.Evidence.MLflow.Tests.ObjectStoreReads;

namespace Auditor.Evidence.MLflow.Tests;

/// <summary>
/// Model files in Google Cloud Storage, read through Google.Cloud.Storage.V1 from the tests' stand-in for its JSON API
/// (<see cref="GcsServer"/>: no emulator is served here): a fixture's artifacts uploaded there and its SQLite store's
/// locations rewritten to <c>gs://</c> give the facts reading them from disk gives, as an emulator
/// (<c>STORAGE_EMULATOR_HOST</c>) and with a service account key whose token the server checks; without credentials,
/// with a wrong key, a missing object, an oversized file, a stalled server or a path that climbs, the model stays
/// unknown or missing with one line, and nothing outside the model folder is asked for.
/// </summary>
public sealed class GcsArtifactTests
{
    private const string Bucket = "mlflow";

    static GcsArtifactTests() => Environment.SetEnvironmentVariable("NO_PROXY", "127.0.0.1,localhost");

    [Theory]
    [InlineData("tracked-sqlite")]
    [InlineData("tracked-sqlite-3x")]
    public void Model_files_in_GCS_are_those_read_from_disk(string name)
    {
        using var gcs = new GcsServer();
        using var fixture = Fixture.Unpack(name);
        var local = StoreFixture.Read(fixture);
        using var copy = new TempFolder();
        var database = gcs.UploadStore(fixture.Path, Bucket, copy.Path);

        var remote = Read(database, gcs.EmulatorVariables());

        Assert.All(Versions(local), v => Assert.Equal(ModelArtifactState.Found, v.Artifact?.State));
        Assert.Equal(ObjectStoreReads.Artifacts(local), ObjectStoreReads.Artifacts(remote));
        Assert.All(Versions(remote), v => Assert.Equal("gcs", v.Artifact?.ReadFrom));
        Assert.All(Versions(remote), v => Assert.StartsWith($"gs://{Bucket}/", v.Artifact!.Uri, StringComparison.Ordinal));
        Assert.Empty(remote.Problems);

        // One listing of the model folder (with '/' as delimiter), then MLmodel and requirements.txt.
        Assert.InRange(gcs.Requests.Count, 1, 3 * remote.ModelArtifacts.Count);
        Assert.All(gcs.Requests, r => Assert.Equal("GET", r.Method));
        var listings = gcs.Requests.Where(r => r.PathAndQuery.Split('?')[0].EndsWith("/o", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(listings);
        Assert.All(listings, r => Assert.Contains("delimiter=%2F", r.PathAndQuery, StringComparison.Ordinal));
        Assert.All(gcs.Requests.Except(listings), r => Assert.Contains("alt=media", r.PathAndQuery, StringComparison.Ordinal));
    }

    [Fact]
    public void A_service_account_key_gets_a_token_from_its_token_uri_and_reads_with_it()
    {
        using var gcs = new GcsServer();
        using var key = RSA.Create(2048);
        gcs.RequireServiceAccount(key);
        using var fixture = Fixture.Unpack("tracked-sqlite");
        var local = StoreFixture.Read(fixture);
        using var copy = new TempFolder();
        var database = gcs.UploadStore(fixture.Path, Bucket, copy.Path);
        var keyFile = gcs.KeyFile(key, Path.Combine(copy.Path, "service-account.json"));

        var remote = Read(database, gcs.ServiceAccountVariables(keyFile));

        Assert.Empty(remote.Problems);
        Assert.Equal(ObjectStoreReads.Artifacts(local), ObjectStoreReads.Artifacts(remote));
        Assert.All(Versions(remote), v => Assert.Equal("gcs", v.Artifact?.ReadFrom));
        Assert.NotEmpty(gcs.IssuedTokens);
        var json = JsonSerializer.Serialize(remote, ObjectStoreReads.Json);
        Assert.All(gcs.IssuedTokens, t => Assert.DoesNotContain(t, json, StringComparison.Ordinal));
    }

    [Fact]
    public void A_listing_in_pages_is_followed_with_the_page_token()
    {
        using var gcs = new GcsServer { PageSize = 2 };
        using var fixture = Fixture.Unpack("tracked-sqlite");
        var local = StoreFixture.Read(fixture);
        using var copy = new TempFolder();
        var database = gcs.UploadStore(fixture.Path, Bucket, copy.Path);

        var remote = Read(database, gcs.EmulatorVariables());

        Assert.Equal(ObjectStoreReads.Artifacts(local), ObjectStoreReads.Artifacts(remote));
        Assert.Contains(gcs.Requests, r => r.PathAndQuery.Contains("pageToken=", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_credentials_GCS_is_not_asked_and_the_model_is_unknown_naming_the_variable()
    {
        using var gcs = new GcsServer();
        using var fixture = Fixture.Unpack("tracked-sqlite");
        using var copy = new TempFolder();
        var database = gcs.UploadStore(fixture.Path, Bucket, copy.Path);

        var remote = Read(database, new Dictionary<string, string?> { ["MLAUDIT_GCS_ENDPOINT"] = gcs.Endpoint });

        Assert.All(Versions(remote), v => Assert.Equal(ModelArtifactState.Remote, v.Artifact?.State));
        Assert.All(Versions(remote), v => Assert.Contains("GOOGLE_APPLICATION_CREDENTIALS", v.Artifact!.Reason, StringComparison.Ordinal));
        var problem = Assert.Single(remote.Problems);
        Assert.StartsWith("no Google Cloud credentials for GCS: set GOOGLE_APPLICATION_CREDENTIALS", problem.Message, StringComparison.Ordinal);
        Assert.Empty(gcs.Requests);
    }

    [Fact]
    public void A_wrong_service_account_key_is_refused_by_the_token_endpoint_in_one_line_without_the_key()
    {
        using var gcs = new GcsServer();
        using var right = RSA.Create(2048);
        using var wrong = RSA.Create(2048);
        gcs.RequireServiceAccount(right);
        using var fixture = Fixture.Unpack("tracked-sqlite");
        using var copy = new TempFolder();
        var database = gcs.UploadStore(fixture.Path, Bucket, copy.Path);
        var keyFile = gcs.KeyFile(wrong, Path.Combine(copy.Path, "service-account.json"));

        var remote = Read(database, gcs.ServiceAccountVariables(keyFile));

        Assert.All(Versions(remote), v => Assert.Equal(ModelArtifactState.Unreadable, v.Artifact?.State));
        Assert.NotEmpty(remote.Problems);
        Assert.All(remote.Problems, p => Assert.Equal("Google's token endpoint refused the service account key (HTTP 400 invalid_grant): Invalid JWT Signature.", p.Message));
        var json = JsonSerializer.Serialize(remote, ObjectStoreReads.Json);
        Assert.DoesNotContain("PRIVATE KEY", json, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(wrong.ExportPkcs8PrivateKey())[..40], json, StringComparison.Ordinal);
        Assert.Empty(gcs.IssuedTokens);
        Assert.Empty(gcs.Requests);
    }

    [Fact]
    public void A_key_file_that_is_no_service_account_key_is_one_line_naming_the_variable()
    {
        using var gcs = new GcsServer();
        using var fixture = Fixture.Unpack("tracked-sqlite");
        using var copy = new TempFolder();
        var database = gcs.UploadStore(fixture.Path, Bucket, copy.Path);
        var keyFile = Path.Combine(copy.Path, "key.json");
        File.WriteAllText(keyFile, """{"type":"service_account","client_email":"x@y","private_key":"-----BEGIN PRIVATE KEY-----\nc2VjcmV0LW5vdC1hLWtleQ==\n-----END PRIVATE KEY-----\n"}""");

        var remote = Read(database, gcs.ServiceAccountVariables(keyFile));

        Assert.All(Versions(remote), v => Assert.Equal(ModelArtifactState.Remote, v.Artifact?.State));
        var problem = Assert.Single(remote.Problems);
        Assert.StartsWith($"GOOGLE_APPLICATION_CREDENTIALS ({keyFile}) is not a usable service account key file", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0", JsonSerializer.Serialize(remote, ObjectStoreReads.Json), StringComparison.Ordinal);
        Assert.Empty(gcs.Requests);
    }

    [Fact]
    public void A_refusal_leaves_the_model_unknown_with_the_reason()
    {
        using var gcs = new GcsServer();
        using var fixture = Fixture.Unpack("tracked-sqlite");
        using var copy = new TempFolder();
        var database = gcs.UploadStore(fixture.Path, Bucket, copy.Path);
        var refused = Version(StoreFixture.Read(fixture), "nyc-taxi-regressor", 2).RunId!;
        gcs.Intercept = context =>
        {
            if (!Uri.UnescapeDataString(context.Request.RawUrl!).Contains(refused, StringComparison.Ordinal))
            {
                return false;
            }

            GcsServer.Reply(context, 403, GcsServer.Error(403, "forbidden", "reader does not have storage.objects.list access to the Google Cloud Storage bucket."));
            return true;
        };

        var remote = Read(database, gcs.EmulatorVariables());

        var version = Version(remote, "nyc-taxi-regressor", 2);
        Assert.Equal(ModelArtifactState.Unreadable, version.Artifact?.State);
        Assert.Equal("Google Cloud Storage refused the request (HTTP 403 forbidden): reader does not have storage.objects.list access to the Google Cloud Storage bucket.", version.Artifact!.Reason);
        Assert.Contains(remote.Problems, p => p.Path == version.Artifact.Uri && p.Message == version.Artifact.Reason);
        Assert.Equal(3, Versions(remote).Count(v => v.Artifact?.State == ModelArtifactState.Found));
    }

    [Fact]
    public void A_missing_object_or_bucket_is_missing()
    {
        using var gcs = new GcsServer();
        using var fixture = Fixture.Unpack("tracked-sqlite");
        using var copy = new TempFolder();
        var database = gcs.UploadStore(fixture.Path, Bucket, copy.Path);
        ObjectStoreCopy.SetVersionLocation(database, "nyc-taxi-regressor", 2, $"gs://{Bucket}/nowhere/model");
        ObjectStoreCopy.SetVersionLocation(database, "nyc-taxi-regressor", 3, "gs://no-such-bucket/model");

        var remote = Read(database, gcs.EmulatorVariables());

        Assert.Equal(ModelArtifactState.Missing, Version(remote, "nyc-taxi-regressor", 2).Artifact?.State);
        Assert.Equal(ModelArtifactState.Missing, Version(remote, "nyc-taxi-regressor", 3).Artifact?.State);
        Assert.Equal("gcs", Version(remote, "nyc-taxi-regressor", 3).Artifact?.ReadFrom);
        Assert.Empty(remote.Problems);
    }

    [Fact]
    public void An_object_deleted_between_listing_and_download_is_one_line()
    {
        using var gcs = new GcsServer();
        using var fixture = Fixture.Unpack("tracked-sqlite");
        using var copy = new TempFolder();
        var database = gcs.UploadStore(fixture.Path, Bucket, copy.Path);
        var gone = Version(StoreFixture.Read(fixture), "nyc-taxi-regressor", 2).RunId!;
        gcs.Intercept = context =>
        {
            var url = Uri.UnescapeDataString(context.Request.RawUrl!);
            if (!url.Contains(gone, StringComparison.Ordinal) || !url.Contains("MLmodel", StringComparison.Ordinal))
            {
                return false;
            }

            GcsServer.Reply(context, 404, GcsServer.Error(404, "notFound", "No such object"));
            return true;
        };

        var remote = Read(database, gcs.EmulatorVariables());

        var version = Version(remote, "nyc-taxi-regressor", 2);
        Assert.NotEqual(ModelArtifactState.Found, version.Artifact?.State);
        var problem = Assert.Single(remote.Problems);
        Assert.Equal(version.Artifact!.Uri + "/MLmodel", problem.Path);
        Assert.Contains("HTTP 404", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_over_the_size_bound_is_never_downloaded()
    {
        using var gcs = new GcsServer();
        using var fixture = Fixture.Unpack("tracked-sqlite");
        var local = StoreFixture.Read(fixture);
        var folder = Version(local, "nyc-taxi-regressor", 2).Artifact!.LocalPath!;
        File.WriteAllText(Path.Combine(folder, "MLmodel"), "flavors: {}\n" + new string('#', 2 * 1024 * 1024));
        using var copy = new TempFolder();
        var database = gcs.UploadStore(fixture.Path, Bucket, copy.Path);

        var remote = Read(database, gcs.EmulatorVariables());

        var version = Version(remote, "nyc-taxi-regressor", 2);
        Assert.Equal(ModelArtifactState.Unreadable, version.Artifact?.State);
        var problem = Assert.Single(remote.Problems);
        Assert.Equal(version.Artifact!.Uri + "/MLmodel", problem.Path);
        Assert.StartsWith("larger than 1 MiB (2097164 bytes); not read", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(gcs.Requests, r => r.PathAndQuery.Contains(version.RunId!, StringComparison.Ordinal) && r.PathAndQuery.Contains("alt=media", StringComparison.Ordinal) && r.PathAndQuery.Contains("MLmodel", StringComparison.Ordinal));
    }

    [Fact]
    public void A_body_larger_than_its_listed_size_is_cut_at_the_bound()
    {
        using var gcs = new GcsServer();
        using var fixture = Fixture.Unpack("tracked-sqlite");
        using var copy = new TempFolder();
        var database = gcs.UploadStore(fixture.Path, Bucket, copy.Path);
        var lying = Version(StoreFixture.Read(fixture), "nyc-taxi-regressor", 2).RunId!;
        gcs.Intercept = context =>
        {
            var url = Uri.UnescapeDataString(context.Request.RawUrl!);
            if (!url.Contains(lying, StringComparison.Ordinal) || !url.Contains("MLmodel", StringComparison.Ordinal) || !url.Contains("alt=media", StringComparison.Ordinal))
            {
                return false;
            }

            context.Response.StatusCode = 200;
            context.Response.SendChunked = true;
            var chunk = new byte[64 * 1024];
            for (var i = 0; i < 40 && !gcs.Stopping.IsCancellationRequested; i++)
            {
                context.Response.OutputStream.Write(chunk);
            }

            context.Response.Close();
            return true;
        };

        var remote = Read(database, gcs.EmulatorVariables());

        var version = Version(remote, "nyc-taxi-regressor", 2);
        Assert.Equal(ModelArtifactState.Unreadable, version.Artifact?.State);
        var problem = Assert.Single(remote.Problems);
        Assert.StartsWith("larger than 1 MiB; not read", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_that_stalls_costs_the_model_files_within_the_bounds()
    {
        using var gcs = new GcsServer();
        using var fixture = Fixture.Unpack("tracked-sqlite");
        using var copy = new TempFolder();
        var database = gcs.UploadStore(fixture.Path, Bucket, copy.Path);
        gcs.Intercept = _ =>
        {
            gcs.Stopping.WaitHandle.WaitOne();
            return true;
        };

        var clock = Stopwatch.StartNew();
        var remote = Read(database, gcs.EmulatorVariables(), new TrackingReadOptions { RequestTimeout = TimeSpan.FromSeconds(1), MaxRetries = 0, Deadline = TimeSpan.FromSeconds(4) });

        Assert.InRange(clock.Elapsed.TotalSeconds, 0, 20);
        Assert.All(Versions(remote), v => Assert.Equal(ModelArtifactState.Unreadable, v.Artifact?.State));
        Assert.All(Versions(remote), v => Assert.Matches("^(Google Cloud Storage sent no answer within 1 s|Google Cloud Storage did not answer|the deadline for reading object storage \\(4 s\\) passed)", v.Artifact!.Reason!));
        Assert.Equal(15, remote.Runs.Count);
    }

    [Fact]
    public void A_failure_that_may_pass_is_retried_as_often_as_the_tracking_client_retries()
    {
        using var gcs = new GcsServer();
        using var fixture = Fixture.Unpack("tracked-sqlite");
        var local = StoreFixture.Read(fixture);
        using var copy = new TempFolder();
        var database = gcs.UploadStore(fixture.Path, Bucket, copy.Path);
        var failures = 0;
        gcs.Intercept = context =>
        {
            if (Interlocked.Increment(ref failures) > 2)
            {
                return false;
            }

            GcsServer.Reply(context, 503, GcsServer.Error(503, "backendError", "Backend Error"));
            return true;
        };

        var remote = Read(database, gcs.EmulatorVariables(), new TrackingReadOptions { MaxRetries = 2, MaxConcurrentRequests = 1 });

        Assert.Equal(ObjectStoreReads.Artifacts(local), ObjectStoreReads.Artifacts(remote));
        Assert.Empty(remote.Problems);
    }

    [Theory]
    [InlineData("gs://mlflow/1/run/artifacts/../../../other/model")]
    [InlineData("gs://mlflow/1/run/artifacts/%2e%2e/%2E%2E/other/model")]
    [InlineData("gs://mlflow/1/run/artifacts/..%2F..%2Fother/model")]
    public void A_path_that_climbs_out_of_the_model_folder_is_refused_without_a_request(string location)
    {
        using var gcs = new GcsServer();
        using var fixture = Fixture.Unpack("tracked-sqlite");
        using var copy = new TempFolder();
        var database = gcs.UploadStore(fixture.Path, Bucket, copy.Path);
        ObjectStoreCopy.SetVersionLocation(database, "nyc-taxi-regressor", 2, location);

        var remote = Read(database, gcs.EmulatorVariables());

        Assert.Equal(ModelArtifactState.Refused, Version(remote, "nyc-taxi-regressor", 2).Artifact?.State);
        Assert.Contains(remote.Problems, p => p.Path == location && p.Message.StartsWith("climbs with '..'", StringComparison.Ordinal));
        Assert.DoesNotContain(gcs.Requests, r => r.PathAndQuery.Contains("other", StringComparison.Ordinal));
        Assert.Equal(3, Versions(remote).Count(v => v.Artifact?.State == ModelArtifactState.Found));
    }

    private static TrackingStore Read(string database, IReadOnlyDictionary<string, string?> variables, TrackingReadOptions? options = null) =>
        ObjectStoreReads.Read(database, (options ?? new TrackingReadOptions()) with { Variables = n => variables.GetValueOrDefault(n) });
}
