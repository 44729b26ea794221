using System.Text.RegularExpressions;

namespace Auditor.Core.Facts;

/// <summary>
/// Recognises credentials by well-known token formats, and by secret-sounding keys holding a non-trivial
/// text value. Only a masked form of a match is ever shown.
/// </summary>
public static partial class SecretPatterns
{
    /// <summary>The kind of secret the value (under the key) looks like, or null.</summary>
    public static string? Classify(string key, string value) =>
        value.Length < 8 ? null : ValueKind(value) ?? (IsSecretKey(key) && IsKeyedSecret(value) ? KeyedKind : null);

    /// <summary>What <see cref="Classify"/> calls a non-trivial text under a secret-sounding key.</summary>
    internal const string KeyedKind = "credential-named value";

    /// <summary>The well-known token format the value holds, or null; a value holding none of their openings skips the regexes.</summary>
    public static string? ValueKind(string value)
    {
        if (value.AsSpan().IndexOfAny(ValueStarts) < 0)
        {
            return null;
        }

        return ValueKindByRegex(value);
    }

    /// <summary>The regexes alone, without the prefilter (the tests hold the prefilter to them).</summary>
    internal static string? ValueKindByRegex(string value)
    {
        foreach (var (kind, pattern) in ValuePatterns)
        {
            if (pattern.IsMatch(value))
            {
                return kind;
            }
        }

        return null;
    }

    /// <summary>A key that names a credential (password, token, api_key, ...).</summary>
    public static bool IsSecretKey(string key) => SecretKey().IsMatch(key);

    /// <summary>A value under a secret-sounding key that is a credential rather than a setting: not a number, no spaces.</summary>
    public static bool IsKeyedSecret(string value) => !double.TryParse(value, out _) && !value.Contains(' ');

    /// <summary>The first four characters and the length: enough to find the value, not to use it.</summary>
    public static string Mask(string value) => value.Length <= 4 ? "****" : $"{value[..4]}… ({value.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)} chars)";

    /// <summary>
    /// The text with every token of a well-known format in it (and every private-key block) replaced by its
    /// <see cref="Mask"/>: the one rule every finding, the trace and every message share.
    /// </summary>
    public static string MaskAll(string text)
    {
        if (text.Length < 8 || text.AsSpan().IndexOfAny(TokenStarts) < 0)
        {
            return text;
        }

        var masked = PrivateKeyBlock().Replace(text, m => Mask(m.Value));
        foreach (var pattern in TokenPatterns)
        {
            masked = pattern.Replace(masked, m => Mask(m.Value));
        }

        return masked;
    }

    private static readonly Regex[] TokenPatterns = [AwsKey(), GitHubToken(), SlackToken(), GoogleKey(), OpenAiKey(), Jwt()];

    /// <summary>How every token <see cref="MaskAll"/> masks begins: text holding none of these is left alone without a regex.</summary>
    private static readonly System.Buffers.SearchValues<string> TokenStarts = System.Buffers.SearchValues.Create(
        ["-----BEGIN", "AKIA", "ASIA", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "xox", "AIza", "sk-", "eyJ"], StringComparison.Ordinal);

    /// <summary>
    /// How every value pattern's match begins (<c>://</c> for a password in a URL): a value holding none of these matches
    /// none of <see cref="ValuePatterns"/>. Kept in step with the patterns by SecretPatternsTests.
    /// </summary>
    private static readonly System.Buffers.SearchValues<string> ValueStarts = System.Buffers.SearchValues.Create(
        ["-----BEGIN", "AKIA", "ASIA", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "xox", "AIza", "sk-", "eyJ", "://"], StringComparison.Ordinal);

    private static readonly (string Kind, Regex Pattern)[] ValuePatterns =
    [
        ("private key", PrivateKey()),
        ("AWS access key", AwsKey()),
        ("GitHub token", GitHubToken()),
        ("Slack token", SlackToken()),
        ("Google API key", GoogleKey()),
        ("OpenAI-style API key", OpenAiKey()),
        ("JSON web token", Jwt()),
        ("password in a URL", UrlPassword()),
    ];

    [GeneratedRegex(@"-----BEGIN ([A-Z]+ )?PRIVATE KEY-----")]
    private static partial Regex PrivateKey();

    [GeneratedRegex(@"-----BEGIN ([A-Z]+ )*PRIVATE KEY-----[\s\S]*?(-----END ([A-Z]+ )*PRIVATE KEY-----|$)")]
    private static partial Regex PrivateKeyBlock();

    [GeneratedRegex(@"\b(AKIA|ASIA)[0-9A-Z]{16}\b")]
    private static partial Regex AwsKey();

    [GeneratedRegex(@"\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b")]
    private static partial Regex GitHubToken();

    [GeneratedRegex(@"\bxox[abprs]-[A-Za-z0-9-]{10,}")]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"\bAIza[0-9A-Za-z_\-]{35}\b")]
    private static partial Regex GoogleKey();

    [GeneratedRegex(@"\bsk-(proj-)?[A-Za-z0-9_\-]{20,}\b")]
    private static partial Regex OpenAiKey();

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}")]
    private static partial Regex Jwt();

    // The scheme is bounded: unbounded, a long run of letters (a 2 MB tag value) cost quadratic time from every start.
    [GeneratedRegex(@"[a-z][a-z0-9+.\-]{0,31}://[^/\s:@]+:[^/\s@]{3,}@", RegexOptions.IgnoreCase)]
    private static partial Regex UrlPassword();

    [GeneratedRegex(@"(^|[._\-/])(password|passwd|pwd|secret|token|api[_\-]?key|apikey|access[_\-]?key|secret[_\-]?key|private[_\-]?key|credentials?|auth)($|[._\-/])", RegexOptions.IgnoreCase)]
    private static partial Regex SecretKey();
}
