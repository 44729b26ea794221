using System.Text;
using Auditor.Core.Facts;

namespace Auditor.Core.Tests;

public sealed class SecretRedactorTests
{
    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Known_credentials_come_from_the_environment_the_uris_and_basic_auth_pairs()
    {
        var variables = new Dictionary<string, string>
        {
            ["MLFLOW_TRACKING_USERNAME"] = "alice",
            ["MLFLOW_TRACKING_PASSWORD"] = "env-password-1",
            ["DATABRICKS_TOKEN"] = "dapi-token-2",
            ["MLFLOW_TRACKING_URI"] = "https://bob:p%40ss-word-3@mlflow.example.com",
            ["AZURE_STORAGE_CONNECTION_STRING"] = "AccountName=a;AccountKey=azure-key-4==;EndpointSuffix=core.windows.net",
        };

        var known = KnownCredentials.From(name => variables.GetValueOrDefault(name), ["--tracking-uri", "postgresql://db/ml?user=u&password=query-pw-5", "http://frank@127.0.0.1:5000"]);

        Assert.Contains("env-password-1", known);
        Assert.Contains("dapi-token-2", known);
        Assert.Contains("p@ss-word-3", known);
        Assert.Contains("azure-key-4==", known);
        Assert.Contains("query-pw-5", known);
        Assert.Contains(Base64("alice:env-password-1"), known);
        Assert.Contains(Base64("bob:p@ss-word-3"), known);
        Assert.Contains(Base64("alice:p@ss-word-3"), known);
        Assert.Contains(Base64("frank:env-password-1"), known);
        Assert.DoesNotContain("alice", known);
        Assert.DoesNotContain("frank", known);
    }

    [Fact]
    public void Redact_replaces_known_values_credentials_in_uris_and_masks_tokens()
    {
        var redactor = new SecretRedactor(["long-secret-value", "short"]);
        var key = "AK" + "IA" + "IOSFODNN7EXAMPLE";

        var text = redactor.Redact($"got long-secret-value from https://carol:pw-in-uri@host/x?token=abc&x=1 with {key}; short stays");

        Assert.Equal("got *** from https://carol:***@host/x?token=***&x=1 with AKIA… (20 chars); short stays", text);
        Assert.Equal(text, redactor.Redact(text));
    }

    [Fact]
    public void A_private_key_block_is_masked_whole()
    {
        var block = "-----BEGIN " + "RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAsecretbody\n-----END RSA PRIVATE KEY-----";

        var masked = SecretPatterns.MaskAll("key: " + block + " end");

        Assert.Equal($"key: ----… ({block.Length} chars) end", masked);
    }
}
