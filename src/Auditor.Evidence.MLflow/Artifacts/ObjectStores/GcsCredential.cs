using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Auditor.Evidence.MLflow.Artifacts.ObjectStores;

/// <summary>
/// An OAuth 2.0 access token for Google Cloud Storage, read-only scope, fetched on first use and kept until a minute
/// before it expires. Three sources, as Google's libraries have them, written against the documented protocols instead
/// of through Google.Apis (which parses its JSON with Newtonsoft.Json by reflection and cannot be trimmed for Native AOT):
/// a service account key (an RS256-signed JWT-bearer grant posted to the key's <c>token_uri</c>), gcloud's
/// application default credentials file (an <c>authorized_user</c> refresh token), and the metadata server.
/// </summary>
internal abstract class GcsCredential : IDisposable
{
    public const string ReadOnlyScope = "https://www.googleapis.com/auth/devstorage.read_only";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTimeOffset _expires;

    /// <summary>Who refuses when the token request is refused, for the one-line message.</summary>
    protected abstract string Refuser { get; }

    /// <summary>The bearer header for the next request (a cached token while it is valid).</summary>
    public async Task<AuthenticationHeaderValue> AuthorizationAsync(HttpClient http, CancellationToken cancel)
    {
        await _gate.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            if (_token is null || DateTimeOffset.UtcNow >= _expires)
            {
                using var request = TokenRequest();
                using var response = await http.SendAsync(request, cancel).ConfigureAwait(false);
                var body = await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    throw Refused((int)response.StatusCode, body);
                }

                (_token, var seconds) = ParseToken(body);
                _expires = DateTimeOffset.UtcNow.AddSeconds(Math.Max(0, seconds - 60));
            }

            return new AuthenticationHeaderValue("Bearer", _token);
        }
        finally
        {
            _gate.Release();
        }
    }

    public virtual void Dispose() => _gate.Dispose();

    protected abstract HttpRequestMessage TokenRequest();

    /// <summary>A token endpoint's refusal (<c>{"error","error_description"}</c>) as one line that never quotes a key.</summary>
    private GcsHttpException Refused(int status, string body)
    {
        string? error = null;
        string? description = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                error = Text(document.RootElement, "error");
                description = Text(document.RootElement, "error_description");
            }
        }
        catch (JsonException)
        {
            // Not JSON: the status alone.
        }

        var message = $"{Refuser} (HTTP {status}{(error is null ? "" : " " + error)}): {ObjectStoreException.OneLine(description ?? "no description")}";
        return new GcsHttpException(status, message, fromTokenEndpoint: true);
    }

    private static (string Token, int Seconds) ParseToken(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (Text(document.RootElement, "access_token") is { Length: > 0 } token)
            {
                var seconds = document.RootElement.TryGetProperty("expires_in", out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var s) ? s : 300;
                return (token, seconds);
            }
        }
        catch (JsonException)
        {
            // Falls through to the one-line error.
        }

        throw new ObjectStoreException("Google's token endpoint answered without an access token");
    }

    internal static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    protected static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    /// <summary>A service account key file's account: its email, RSA key and token endpoint.</summary>
    internal sealed class ServiceAccount(string email, RSA key, string? keyId, Uri tokenUri) : GcsCredential
    {
        protected override string Refuser => "Google's token endpoint refused the service account key";

        /// <summary>The account of a key file's JSON (<c>type</c> service_account); throws <see cref="FormatException"/> for anything else.</summary>
        public static ServiceAccount Parse(string json)
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (Text(root, "type") != "service_account")
            {
                throw new FormatException("not a service_account key");
            }

            var email = Text(root, "client_email") is { Length: > 0 } e ? e : throw new FormatException("no client_email");
            var pem = Text(root, "private_key") is { Length: > 0 } p ? p : throw new FormatException("no private_key");
            var tokenUri = Text(root, "token_uri") is { Length: > 0 } t ? t : "https://oauth2.googleapis.com/token";
            if (!Uri.TryCreate(tokenUri, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                throw new FormatException("token_uri is no http(s) address");
            }

            var key = RSA.Create();
            try
            {
                key.ImportFromPem(pem);
            }
            catch
            {
                key.Dispose();
                throw;
            }

            return new ServiceAccount(email, key, Text(root, "private_key_id"), uri);
        }

        public override void Dispose()
        {
            key.Dispose();
            base.Dispose();
        }

        protected override HttpRequestMessage TokenRequest() => new(HttpMethod.Post, tokenUri)
        {
            Content = Form(("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"), ("assertion", Assertion(DateTimeOffset.UtcNow))),
        };

        /// <summary>The signed grant (RFC 7523): issuer the account, audience its token endpoint, read-only storage, one hour.</summary>
        internal string Assertion(DateTimeOffset now)
        {
            var header = Json(w =>
            {
                w.WriteString("alg", "RS256");
                w.WriteString("typ", "JWT");
                if (keyId is not null)
                {
                    w.WriteString("kid", keyId);
                }
            });
            var issued = now.ToUnixTimeSeconds();
            var claims = Json(w =>
            {
                w.WriteString("iss", email);
                w.WriteString("scope", ReadOnlyScope);
                w.WriteString("aud", tokenUri.AbsoluteUri);
                w.WriteNumber("iat", issued);
                w.WriteNumber("exp", issued + 3600);
            });
            var signed = Base64Url.EncodeToString(header) + "." + Base64Url.EncodeToString(claims);
            var signature = key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            return signed + "." + Base64Url.EncodeToString(signature);
        }

        private static byte[] Json(Action<Utf8JsonWriter> write)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                write(writer);
                writer.WriteEndObject();
            }

            return buffer.ToArray();
        }
    }

    /// <summary>gcloud's application default credentials (<c>gcloud auth application-default login</c>): a refresh token.</summary>
    internal sealed class AuthorizedUser(string clientId, string clientSecret, string refreshToken) : GcsCredential
    {
        protected override string Refuser => "Google's token endpoint refused the application default credentials";

        protected override HttpRequestMessage TokenRequest() => new(HttpMethod.Post, "https://oauth2.googleapis.com/token")
        {
            Content = Form(("grant_type", "refresh_token"), ("client_id", clientId), ("client_secret", clientSecret), ("refresh_token", refreshToken)),
        };
    }

    /// <summary>The metadata server of a Google Cloud machine (<c>GCE_METADATA_HOST</c> overrides its address).</summary>
    internal sealed class MetadataServer(string host) : GcsCredential
    {
        protected override string Refuser => "the metadata server gave no access token";

        protected override HttpRequestMessage TokenRequest()
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"http://{host}/computeMetadata/v1/instance/service-accounts/default/token?scopes={Uri.EscapeDataString(ReadOnlyScope)}");
            request.Headers.Add("Metadata-Flavor", "Google");
            return request;
        }
    }
}

/// <summary>A Google API or token endpoint answered with an error status; the message is one line.</summary>
internal sealed class GcsHttpException(int status, string message, bool fromTokenEndpoint = false) : Exception(message)
{
    public int Status { get; } = status;

    public bool FromTokenEndpoint { get; } = fromTokenEndpoint;
}
