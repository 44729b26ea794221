using Auditor.Core.Facts;

namespace Auditor.Core.Tests;

public sealed class SecretPatternsTests
{
    [Theory]
    [InlineData("aws", "AKIAIOSFODNN7EXAMPLE", "AWS access key")]
    [InlineData("note", "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB", "GitHub token")]
    [InlineData("key", "-----BEGIN RSA PRIVATE KEY-----\nMIIEow", "private key")]
    [InlineData("db", "postgresql://ml:hunter22@db:5432/mlflow", "password in a URL")]
    [InlineData("openai_api_key", "sk-proj-abcdefghijklmnopqrstuvwx", "OpenAI-style API key")]
    [InlineData("db_password", "correct-horse-battery", "credential-named value")]
    [InlineData("HF_TOKEN", "hf_abcdefghijklmnopqrstu", "credential-named value")]
    public void Recognises_credentials(string key, string value, string kind) =>
        Assert.Equal(kind, SecretPatterns.Classify(key, value));

    [Theory]
    [InlineData("max_tokens", "4096")]
    [InlineData("tokenizer", "bert-base-uncased")]
    [InlineData("author", "alice@example.com")]
    [InlineData("token_budget", "12345678")]
    [InlineData("password_policy", "rotate every 90 days")]
    [InlineData("model", "ridge")]
    public void Leaves_ordinary_values_alone(string key, string value) =>
        Assert.Null(SecretPatterns.Classify(key, value));

    [Fact]
    public void Mask_shows_four_characters_and_the_length_only()
    {
        Assert.Equal("AKIA… (20 chars)", SecretPatterns.Mask("AKIAIOSFODNN7EXAMPLE"));
        Assert.Equal("****", SecretPatterns.Mask("abc"));
    }

    /// <summary>Values that hold a token opening, a near miss, or none: the prefilter must never hide what a regex finds.</summary>
    private static readonly string[] Corpus =
    [
        "AKIAIOSFODNN7EXAMPLE", "ASIAIOSFODNN7EXAMPLE", "my key is AKIAIOSFODNN7EXAMPLE.", "akiaiosfodnn7example",
        "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB", "github_pat_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ", "gho_short",
        "xoxb-1234567890-abcdef", "AIzaSyA0123456789abcdefghijklmnopqrstuv", "sk-proj-abcdefghijklmnopqrstuvwx",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEow", "-----BEGIN CERTIFICATE-----",
        "postgresql://ml:hunter22@db:5432/mlflow", "HTTPS://user:secret123@host/x", "https://example.org/a@b",
        "correct-horse-battery", "0.001", "/home/alice/projects/x/mlruns/1", "linear-000-0000", "ridge regression baseline",
    ];

    public static TheoryData<string> Values() => new(Corpus);

    [Theory]
    [MemberData(nameof(Values))]
    public void The_prefilter_lets_through_every_value_a_pattern_matches(string value) =>
        Assert.Equal(SecretPatterns.ValueKindByRegex(value), SecretPatterns.ValueKind(value));

    [Fact]
    public void The_memoized_scanner_judges_as_classify_does_for_every_key_and_value()
    {
        var scanner = new SecretScanner();
        string[] keys = ["db_password", "HF_TOKEN", "max_tokens", "alpha", "api-key", "tokenizer"];
        foreach (var round in new[] { 1, 2 })
        {
            foreach (var key in keys)
            {
                foreach (var value in Corpus.Concat(["12345678", "abc", "hf_abcdefghijklmnopqrstu"]))
                {
                    Assert.True(SecretPatterns.Classify(key, value) == scanner.Classify(key, value), $"round {round}: {key}={value}");
                }
            }
        }
    }
}
