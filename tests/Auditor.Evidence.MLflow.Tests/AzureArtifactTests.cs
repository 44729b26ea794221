using System.Text.Json;
using Auditor.Core.Tracking;
using Auditor.Testing;
using static Auditor.Evidence.MLflow.Tests.ObjectStoreReads;

namespace Auditor.Evidence.MLflow.Tests;

/// <summary>
/// Model files in Azure Blob Storage, read from Azurite on 127.0.0.1 (which checks Shared Key signatures itself): a
/// fixture's artifacts uploaded there and its SQLite store's locations rewritten to <c>wasbs://</c> give the facts
/// reading them from disk gives; without credentials, with a wrong key, a missing blob, an oversized file or a key
/// that climbs, the model stays unknown or missing with one line.
/// </summary>
public sealed class AzureArtifactTests
{
    private const string Container = "mlflow";

    private static readonly string Base = $"wasbs://{Container}@{AzuriteServer.Account}.blob.core.windows.net";

    static AzureArtifactTests() => Environment.SetEnvironmentVariable("NO_PROXY", "127.0.0.1,localhost");

    [Theory]
    [InlineData("tracked-sqlite")]
    [InlineData("tracked-sqlite-3x")]
    public void Model_files_in_Azure_Blob_Storage_are_those_read_from_disk(string name)
    {
        using var azurite = AzuriteServer.StartForTests();
        if (azurite is null)
        {
            return;
        }

        using var fixture = Fixture.Unpack(name);
        var local = StoreFixture.Read(fixture);
        using var copy = new TempFolder();
        var database = Upload(azurite, fixture, copy);

        var remote = Read(database, azurite.Variables());

        Assert.All(Versions(local), v => Assert.Equal(ModelArtifactState.Found, v.Artifact?.State));
        Assert.Equal(ObjectStoreReads.Artifacts(local), ObjectStoreReads.Artifacts(remote));
        Assert.All(Versions(remote), v => Assert.Equal("azure", v.Artifact?.ReadFrom));
        Assert.All(Versions(remote), v => Assert.StartsWith(Base + "/", v.Artifact!.Uri, StringComparison.Ordinal));
        Assert.Empty(remote.Problems);
    }

    [Fact]
    public void Without_credentials_the_model_is_unknown_naming_the_variable()
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");
        using var copy = new TempFolder();
        var database = ObjectStoreCopy.Sqlite(Path.Combine(fixture.Path, "mlflow.db"), copy.Path, Base);

        var remote = Read(database, new Dictionary<string, string?>());

        Assert.All(Versions(remote), v => Assert.Equal(ModelArtifactState.Remote, v.Artifact?.State));
        Assert.All(Versions(remote), v => Assert.Contains("set AZURE_STORAGE_CONNECTION_STRING", v.Artifact!.Reason, StringComparison.Ordinal));
        Assert.Contains("AZURE_STORAGE_CONNECTION_STRING", Assert.Single(remote.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_key_is_refused_in_one_line_without_the_key()
    {
        using var azurite = AzuriteServer.StartForTests();
        if (azurite is null)
        {
            return;
        }

        using var fixture = Fixture.Unpack("tracked-sqlite");
        using var copy = new TempFolder();
        var database = Upload(azurite, fixture, copy);
        var wrong = Convert.ToBase64String(Enumerable.Range(0, 64).Select(i => (byte)i).ToArray());

        var remote = Read(database, azurite.Variables(key: wrong));

        Assert.All(Versions(remote), v => Assert.Equal(ModelArtifactState.Unreadable, v.Artifact?.State));
        Assert.NotEmpty(remote.Problems);
        Assert.All(remote.Problems, p => Assert.StartsWith("Azure Storage refused the request (HTTP 403 AuthorizationFailure)", p.Message, StringComparison.Ordinal));
        Assert.All(remote.Problems, p => Assert.DoesNotContain('\n', p.Message));
        Assert.DoesNotContain(wrong, JsonSerializer.Serialize(remote, ObjectStoreReads.Json), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_blob_or_container_is_missing_and_an_oversized_file_is_not_read()
    {
        using var azurite = AzuriteServer.StartForTests();
        if (azurite is null)
        {
            return;
        }

        using var fixture = Fixture.Unpack("tracked-sqlite");
        var folder = Version(StoreFixture.Read(fixture), "nyc-taxi-baseline", 1).Artifact!.LocalPath!;
        File.WriteAllText(Path.Combine(folder, "MLmodel"), "flavors: {}\n" + new string('#', 2 * 1024 * 1024));
        using var copy = new TempFolder();
        var database = Upload(azurite, fixture, copy);
        ObjectStoreCopy.SetVersionLocation(database, "nyc-taxi-regressor", 2, Base + "/nowhere/model");
        ObjectStoreCopy.SetVersionLocation(database, "nyc-taxi-regressor", 3, $"wasbs://no-such-container@{AzuriteServer.Account}.blob.core.windows.net/model");

        var remote = Read(database, azurite.Variables());

        Assert.Equal(ModelArtifactState.Missing, Version(remote, "nyc-taxi-regressor", 2).Artifact?.State);
        Assert.Equal(ModelArtifactState.Missing, Version(remote, "nyc-taxi-regressor", 3).Artifact?.State);
        var oversized = Version(remote, "nyc-taxi-baseline", 1);
        Assert.Equal(ModelArtifactState.Unreadable, oversized.Artifact?.State);
        var problem = Assert.Single(remote.Problems);
        Assert.Equal(oversized.Artifact!.Uri + "/MLmodel", problem.Path);
        Assert.StartsWith("larger than 1 MiB (2097164 bytes); not read", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_that_climbs_out_of_the_model_folder_is_refused()
    {
        using var fixture = Fixture.Unpack("tracked-sqlite");
        using var copy = new TempFolder();
        var database = ObjectStoreCopy.Sqlite(Path.Combine(fixture.Path, "mlflow.db"), copy.Path, Base);
        var location = Base + "/1/run/artifacts/%2E%2E/../other/model";
        ObjectStoreCopy.SetVersionLocation(database, "nyc-taxi-regressor", 2, location);

        var remote = Read(database, new Dictionary<string, string?> { ["AZURE_STORAGE_CONNECTION_STRING"] = "DefaultEndpointsProtocol=http;AccountName=a;AccountKey=AAAA;BlobEndpoint=http://127.0.0.1:9/a;" }, TimeSpan.FromSeconds(1));

        Assert.Equal(ModelArtifactState.Refused, Version(remote, "nyc-taxi-regressor", 2).Artifact?.State);
        Assert.Contains(remote.Problems, p => p.Path == location && p.Message.StartsWith("climbs with '..'", StringComparison.Ordinal));
    }

    private static string Upload(AzuriteServer azurite, Fixture fixture, TempFolder copy)
    {
        azurite.Upload(Container, Path.Combine(fixture.Path, "mlruns"));
        return ObjectStoreCopy.Sqlite(Path.Combine(fixture.Path, "mlflow.db"), copy.Path, Base);
    }

    private static TrackingStore Read(string database, IReadOnlyDictionary<string, string?> variables, TimeSpan? timeout = null) =>
        ObjectStoreReads.Read(database, new TrackingReadOptions { Variables = n => variables.GetValueOrDefault(n), MaxRetries = timeout is null ? null : 0, RequestTimeout = timeout });
}
