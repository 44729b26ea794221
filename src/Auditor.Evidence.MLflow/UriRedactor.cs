using System.Text.RegularExpressions;

namespace Auditor.Evidence.MLflow;

/// <summary>Removes credentials from URIs before they reach any output.</summary>
public static partial class UriRedactor
{
    public static string Redact(string uri)
    {
        var withoutUserInfo = UserInfo().Replace(uri, m => m.Groups["scheme"].Value + (m.Groups["user"].Success ? m.Groups["user"].Value + ":***@" : "***@"));
        return SecretQuery().Replace(withoutUserInfo, m => m.Groups["key"].Value + "=***");
    }

    [GeneratedRegex(@"(?<scheme>[a-zA-Z][a-zA-Z0-9+.\-]*://)(?:(?<user>[^:@/?#]*):)?[^@/?#]*@")]
    private static partial Regex UserInfo();

    [GeneratedRegex(@"(?<key>password|passwd|pwd|token|access_token|secret|api_key|apikey|sig|signature)=[^&#]*", RegexOptions.IgnoreCase)]
    private static partial Regex SecretQuery();
}
