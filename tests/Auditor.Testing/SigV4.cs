using System.Collections.Specialized;
using System.Security.Cryptography;
using System.Text;

namespace Auditor.Testing;

/// <summary>
/// Checks an AWS Signature Version 4 <c>Authorization</c> header against a known secret, as S3 does
/// (docs.aws.amazon.com, "Create a signed AWS API request"): the canonical request from the method, the path as sent,
/// the sorted query, the signed headers and the payload hash of <c>x-amz-content-sha256</c>; the string to sign with
/// the date and scope; the key derived from the secret, date, region and service.
/// </summary>
public static class SigV4
{
    /// <summary>Null when the signature is right, else S3's error code for what is wrong.</summary>
    public static string? Check(string method, string rawUrl, NameValueCollection headers, string accessKey, string secret)
    {
        var authorization = headers["Authorization"];
        if (authorization is null || !authorization.StartsWith("AWS4-HMAC-SHA256 ", StringComparison.Ordinal))
        {
            return "AccessDenied";
        }

        var parts = authorization["AWS4-HMAC-SHA256 ".Length..].Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (!parts.TryGetValue("Credential", out var credential) || !parts.TryGetValue("SignedHeaders", out var signedHeaders) || !parts.TryGetValue("Signature", out var signature))
        {
            return "AuthorizationHeaderMalformed";
        }

        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[0] != accessKey)
        {
            return "InvalidAccessKeyId";
        }

        var amzDate = headers["x-amz-date"] ?? "";
        var names = signedHeaders.Split(';');
        var canonicalHeaders = string.Concat(names.Select(n => n + ":" + string.Join(' ', (headers[n] ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)) + "\n"));
        var query = rawUrl.IndexOf('?') is var q && q >= 0 ? rawUrl[(q + 1)..] : "";
        var path = q >= 0 ? rawUrl[..q] : rawUrl;
        var canonical = string.Join('\n', method, path, CanonicalQuery(query), canonicalHeaders, signedHeaders, headers["x-amz-content-sha256"] ?? "UNSIGNED-PAYLOAD");
        var stringToSign = string.Join('\n', "AWS4-HMAC-SHA256", amzDate, string.Join('/', scope[1..]), Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))));
        var key = Encoding.UTF8.GetBytes("AWS4" + secret);
        foreach (var part in scope[1..])
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        var expected = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)) ? null : "SignatureDoesNotMatch";
    }

    private static string CanonicalQuery(string query) =>
        string.Join('&', query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => (Key: Encode(p[0]), Value: Encode(p.Length > 1 ? p[1] : "")))
            .OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value));

    private static string Encode(string raw) => Uri.EscapeDataString(Uri.UnescapeDataString(raw.Replace('+', ' ')));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
