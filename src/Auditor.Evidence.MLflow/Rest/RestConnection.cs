using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Auditor.Evidence.MLflow.Rest;

/// <summary>
/// The server address and credentials, taken the way MLflow's client takes them: basic auth from
/// <c>MLFLOW_TRACKING_USERNAME</c>/<c>MLFLOW_TRACKING_PASSWORD</c> (or user info in the URI), else a bearer
/// <c>MLFLOW_TRACKING_TOKEN</c>; <c>MLFLOW_TRACKING_INSECURE_TLS=true</c> skips certificate checks and
/// <c>MLFLOW_TRACKING_SERVER_CERT_PATH</c> names a CA bundle. Otherwise .NET's trust store applies (on Linux,
/// OpenSSL's <c>SSL_CERT_FILE</c>/<c>SSL_CERT_DIR</c>). A <c>databricks</c> URI takes the workspace and token from
/// <see cref="DatabricksWorkspace"/>.
/// </summary>
internal sealed record RestConnection(Uri BaseAddress, AuthenticationHeaderValue? Authorization, bool InsecureTls, string? CaBundle, TimeSpan Timeout, int MaxRetries)
{
    public static RestConnection From(string uri, TrackingReadOptions options)
    {
        var variables = options.Variables;
        var (baseAddress, authorization) = DatabricksWorkspace.Is(uri) ? DatabricksWorkspace.Resolve(uri, variables) : Server(uri, variables);
        var insecure = string.Equals(variables("MLFLOW_TRACKING_INSECURE_TLS"), "true", StringComparison.OrdinalIgnoreCase);
        return new RestConnection(baseAddress, authorization, insecure, variables("MLFLOW_TRACKING_SERVER_CERT_PATH"), TimeoutOf(options), RetriesOf(options));
    }

    /// <summary>The per-request timeout: the option, else <c>MLFLOW_HTTP_REQUEST_TIMEOUT</c> (seconds), else 120 s. Object storage uses it too.</summary>
    public static TimeSpan TimeoutOf(TrackingReadOptions options) =>
        options.RequestTimeout
        ?? (double.TryParse(options.Variables("MLFLOW_HTTP_REQUEST_TIMEOUT"), System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromSeconds(120));

    /// <summary>Retries per request: the option, else <c>MLFLOW_HTTP_REQUEST_MAX_RETRIES</c>, else 5.</summary>
    public static int RetriesOf(TrackingReadOptions options) =>
        options.MaxRetries ?? (int.TryParse(options.Variables("MLFLOW_HTTP_REQUEST_MAX_RETRIES"), out var n) && n >= 0 ? n : 5);

    /// <summary>An http(s) tracking server and the MLflow credentials for it.</summary>
    private static (Uri BaseAddress, AuthenticationHeaderValue? Authorization) Server(string uri, Func<string, string?> variables)
    {
        var parsed = new Uri(uri.TrimEnd('/') + "/");
        var user = variables("MLFLOW_TRACKING_USERNAME");
        var password = variables("MLFLOW_TRACKING_PASSWORD");
        if (user is null && parsed.UserInfo.Length > 0)
        {
            var colon = parsed.UserInfo.IndexOf(':');
            user = Uri.UnescapeDataString(colon >= 0 ? parsed.UserInfo[..colon] : parsed.UserInfo);
            password = colon >= 0 ? Uri.UnescapeDataString(parsed.UserInfo[(colon + 1)..]) : password;
        }

        var token = variables("MLFLOW_TRACKING_TOKEN");
        var authorization = !string.IsNullOrEmpty(user) && password is not null
            ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")))
            : !string.IsNullOrEmpty(token) ? new AuthenticationHeaderValue("Bearer", token) : null;
        return (new UriBuilder(parsed) { UserName = "", Password = "", Query = "", Fragment = "" }.Uri, authorization);
    }

    public HttpMessageHandler CreateHandler()
    {
        // Redirects are followed by MlflowRestClient, only within the origin; a compressed answer is bounded after decompression.
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AutomaticDecompression = System.Net.DecompressionMethods.All, AllowAutoRedirect = false };
        if (InsecureTls)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        else if (CaBundle is not null)
        {
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPemFile(CaBundle);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (errors == SslPolicyErrors.None)
                {
                    return true;
                }

                if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0)
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(new X509Certificate2(certificate));
            };
        }

        return handler;
    }
}
