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
}
