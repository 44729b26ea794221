using System.Text.RegularExpressions;

namespace Auditor.Core.Facts;

/// <summary>
/// Credentials carried by URIs and connection strings: user info (<c>scheme://user:password@</c>, or a token
/// alone before the <c>@</c>) and secret query or connection-string values (<c>?password=</c>, <c>;AccountKey=</c>).
/// Works on a URI alone or on any text that holds URIs.
/// </summary>
public static partial class UriCredentials
{
    public const string Mark = "***";

    /// <summary>The text with every password, token and secret value in a URI in it replaced by <see cref="Mark"/>.</summary>
    public static string Redact(string text)
    {
        var withoutUserInfo = text.Contains('@') && text.Contains("://", StringComparison.Ordinal)
            ? UserInfo().Replace(text, m => m.Groups["scheme"].Value + (m.Groups["user"].Success ? m.Groups["user"].Value + ":" + Mark + "@" : Mark + "@"))
            : text;
        return withoutUserInfo.Contains('=') ? SecretValue().Replace(withoutUserInfo, m => m.Groups["key"].Value + "=" + Mark) : withoutUserInfo;
    }

    /// <summary>Every user info in the text, unescaped: the user and the password after it (null when there is none).</summary>
    public static IEnumerable<(string User, string? Password)> UserInfos(string text) =>
        UserInfo().Matches(text).Select(m => m.Groups["user"].Success
            ? (Unescape(m.Groups["user"].Value), (string?)Unescape(m.Groups["secret"].Value))
            : (Unescape(m.Groups["secret"].Value), null));

    /// <summary>The values of secret query and connection-string keys in the text.</summary>
    public static IEnumerable<string> SecretValues(string text) =>
        SecretValue().Matches(text).Select(m => m.Groups["value"].Value).Where(v => v.Length > 0);

    private static string Unescape(string value)
    {
        try
        {
            return Uri.UnescapeDataString(value);
        }
        catch (UriFormatException)
        {
            return value;
        }
    }

    [GeneratedRegex(@"(?<scheme>[a-zA-Z][a-zA-Z0-9+.\-]*://)(?:(?<user>[^:@/?#\s]*):)?(?<secret>[^@/?#\s]*)@")]
    private static partial Regex UserInfo();

    [GeneratedRegex(@"(?<=^|[?&;\s])(?<key>password|passwd|pwd|token|access_token|secret|api_key|apikey|sig|signature|accountkey|sharedaccesssignature|sharedaccesskey)=(?<value>[^&#;\s]*)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretValue();
}
