using System.Text.Json;
using Auditor.Testing;

namespace Auditor.Cli.Tests;

/// <summary>
/// The trace of a store whose artifacts are in S3 (s3rver behind the tests' SigV4-checking proxy) says what the trace
/// of the same store on disk says: the same verdicts, environments and gaps, with the files read from <c>s3</c>. The
/// operator's credentials reach object storage only for a store the operator named, or with <c>--artifact-credentials</c>.
/// </summary>
public sealed class ObjectStoreTraceTests
{
    static ObjectStoreTraceTests() => Environment.SetEnvironmentVariable("NO_PROXY", "127.0.0.1,localhost");

    [Theory]
    [InlineData("tracked-sqlite")]
    [InlineData("tracked-sqlite-3x")]
    public void A_store_with_its_artifacts_in_S3_traces_as_it_does_on_disk(string name)
    {
        using var s3 = S3Server.StartForTests();
        if (s3 is null)
        {
            return;
        }

        using var fixture = Fixture.Unpack(name);
        var local = CliRun.AuditToJson(fixture.Path).Report;
        using var copy = new TempFolder();
        var database = Upload(s3, fixture, copy);

        var (run, remote) = CliRun.AuditToJson(fixture.Path, Strings(s3.Variables()), "--tracking-uri", "sqlite:///" + database);

        SchemaValidator.AssertValid(Path.Combine(TestPaths.RepositoryRoot, "docs", "report.schema.json"), remote.GetRawText());
        Assert.Equal(Links(local), Links(remote));
        Assert.All(Traces(local), t => Assert.Equal("local", t.GetProperty("artifactSource").GetString()));
        Assert.All(Traces(remote), t => Assert.Equal("s3", t.GetProperty("artifactSource").GetString()));
        Assert.All(Traces(remote), t => Assert.Equal("reproducible", t.GetProperty("verdict").GetString()));
        Assert.DoesNotContain(S3Server.Secret, run.Out + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_store_the_project_names_gets_no_credentials_for_S3_unless_the_operator_passes_artifact_credentials()
    {
        using var s3 = S3Server.StartForTests();
        if (s3 is null)
        {
            return;
        }

        using var fixture = Fixture.Unpack("tracked-sqlite");
        using var copy = new TempFolder();
        var database = Upload(s3, fixture, copy);
        Directory.Delete(Path.Combine(fixture.Path, "mlruns"), recursive: true);
        File.Copy(database, Path.Combine(fixture.Path, "mlflow.db"), overwrite: true);

        var (_, withheld) = CliRun.AuditToJson(fixture.Path, Strings(s3.Variables()));

        Assert.All(Traces(withheld), t =>
        {
            Assert.Equal("unknown", t.GetProperty("artifact").GetString());
            Assert.Contains(t.GetProperty("gaps").EnumerateArray(), g => g.GetString()!.Contains("set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY", StringComparison.Ordinal));
        });
        Assert.Empty(s3.Requests);

        // The operator's flag lets the AWS SDK's own chain read the process environment's keys.
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", S3Server.AccessKey);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", S3Server.Secret);
        try
        {
            var (_, allowed) = CliRun.AuditToJson(fixture.Path, Strings(s3.Variables()), "--artifact-credentials");
            Assert.All(Traces(allowed), t => Assert.Equal("present", t.GetProperty("artifact").GetString()));
            Assert.All(Traces(allowed), t => Assert.Equal("s3", t.GetProperty("artifactSource").GetString()));
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", null);
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", null);
        }
    }

    [Theory]
    [InlineData("tracked-sqlite")]
    [InlineData("tracked-sqlite-3x")]
    public void A_store_with_its_artifacts_in_GCS_traces_as_it_does_on_disk(string name)
    {
        using var gcs = new GcsServer();
        using var key = System.Security.Cryptography.RSA.Create(2048);
        gcs.RequireServiceAccount(key);
        using var fixture = Fixture.Unpack(name);
        var local = CliRun.AuditToJson(fixture.Path).Report;
        using var copy = new TempFolder();
        var database = gcs.UploadStore(fixture.Path, "mlflow", copy.Path);
        var keyFile = gcs.KeyFile(key, Path.Combine(copy.Path, "service-account.json"));

        var (run, remote) = CliRun.AuditToJson(fixture.Path, Strings(gcs.ServiceAccountVariables(keyFile)), "--tracking-uri", "sqlite:///" + database);

        SchemaValidator.AssertValid(Path.Combine(TestPaths.RepositoryRoot, "docs", "report.schema.json"), remote.GetRawText());
        Assert.Equal(Links(local), Links(remote));
        Assert.All(Traces(remote), t => Assert.Equal("gcs", t.GetProperty("artifactSource").GetString()));
        Assert.All(Traces(remote), t => Assert.Equal("reproducible", t.GetProperty("verdict").GetString()));
        Assert.All(gcs.IssuedTokens, t => Assert.DoesNotContain(t, run.Out + run.Error, StringComparison.Ordinal));
    }

    [Fact]
    public void A_store_the_project_names_gets_no_service_account_key_for_GCS()
    {
        using var gcs = new GcsServer();
        using var key = System.Security.Cryptography.RSA.Create(2048);
        gcs.RequireServiceAccount(key);
        using var fixture = Fixture.Unpack("tracked-sqlite");
        using var copy = new TempFolder();
        var database = gcs.UploadStore(fixture.Path, "mlflow", copy.Path);
        var keyFile = gcs.KeyFile(key, Path.Combine(copy.Path, "service-account.json"));
        Directory.Delete(Path.Combine(fixture.Path, "mlruns"), recursive: true);
        File.Copy(database, Path.Combine(fixture.Path, "mlflow.db"), overwrite: true);

        var (_, withheld) = CliRun.AuditToJson(fixture.Path, Strings(gcs.ServiceAccountVariables(keyFile)));

        Assert.All(Traces(withheld), t =>
        {
            Assert.Equal("unknown", t.GetProperty("artifact").GetString());
            Assert.Contains(t.GetProperty("gaps").EnumerateArray(), g => g.GetString()!.Contains("set GOOGLE_APPLICATION_CREDENTIALS", StringComparison.Ordinal));
        });
        Assert.Empty(gcs.Requests);
        Assert.Empty(gcs.IssuedTokens);
    }

    private static string Upload(S3Server s3, Fixture fixture, TempFolder copy) => s3.UploadStore(fixture.Path, "mlflow", copy.Path);

    private static Dictionary<string, string> Strings(Dictionary<string, string?> variables) =>
        variables.Where(v => v.Value is not null).ToDictionary(v => v.Key, v => v.Value!, StringComparer.Ordinal);

    private static List<JsonElement> Traces(JsonElement report) => report.GetProperty("trace").EnumerateArray().ToList();

    /// <summary>Each version's links, verdict and gaps: what the trace says, without where the files were.</summary>
    private static string Links(JsonElement report) => string.Join('\n', Traces(report).Select(t => string.Join(" | ",
        t.GetProperty("model").GetString(), t.GetProperty("version").GetInt32(), t.GetProperty("verdict").GetString(), t.GetProperty("artifact").GetString(),
        t.GetProperty("environment").GetString(), t.GetProperty("environmentSource").ToString(), t.GetProperty("data").GetString(), t.GetProperty("commitState").GetString(),
        string.Join(", ", t.GetProperty("flavors").EnumerateArray().Select(f => f.GetString())), t.GetProperty("hasSignature").ToString(),
        string.Join("; ", t.GetProperty("gaps").EnumerateArray().Select(g => g.GetString())))));
}
