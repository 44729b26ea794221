using System.Text.Json;

namespace Auditor.Evidence.MLflow.Artifacts.ObjectStores;

/// <summary>
/// How Google Cloud Storage is reached, from the variables the store reader may see (never the process environment
/// directly): <c>STORAGE_EMULATOR_HOST</c> (the google-cloud libraries' convention: unauthenticated, the JSON API at that
/// host), else the service account key file <c>GOOGLE_APPLICATION_CREDENTIALS</c> names (its <c>token_uri</c> is where
/// the access token comes from); Google's application default credentials (gcloud's file, the metadata server) only when
/// the operator passed <c>--artifact-credentials</c>. <c>MLAUDIT_GCS_ENDPOINT</c> points an authenticated client at
/// another JSON API endpoint (a private endpoint, or the tests' stand-in).
/// </summary>
internal sealed record GcsSettings(GcsCredential? Credential, string BaseUri)
{
    public const string Missing =
        "no Google Cloud credentials for GCS: set GOOGLE_APPLICATION_CREDENTIALS to a service account key file (or STORAGE_EMULATOR_HOST for an emulator), or pass --artifact-credentials to use Google's application default credentials (a store the project names sees no credentials without it)";

    /// <summary>The JSON API of Google Cloud Storage itself.</summary>
    public const string GoogleApi = "https://storage.googleapis.com/storage/v1/";

    /// <summary>A service account key file is a few KiB; a larger one is not read.</summary>
    private const int MaxKeyFileBytes = 64 * 1024;

    /// <summary>The settings, or null with the one-line reason GCS is not read.</summary>
    public static GcsSettings? From(Func<string, string?> variables, bool defaultCredentials, out string? reason)
    {
        reason = null;
        if (ObjectStoreException.Value(variables, "STORAGE_EMULATOR_HOST") is { } emulator)
        {
            return new GcsSettings(null, ApiBase(emulator));
        }

        var endpoint = ObjectStoreException.Value(variables, "MLAUDIT_GCS_ENDPOINT") is { } e ? ApiBase(e) : GoogleApi;
        if (ObjectStoreException.Value(variables, "GOOGLE_APPLICATION_CREDENTIALS") is { } path)
        {
            var credential = ServiceAccount(path, out reason);
            return credential is null ? null : new GcsSettings(credential, endpoint);
        }

        if (!defaultCredentials)
        {
            reason = Missing;
            return null;
        }

        var adc = ApplicationDefault(variables, out reason);
        return adc is null ? null : new GcsSettings(adc, endpoint);
    }

    /// <summary>
    /// Google's application default credentials after GOOGLE_APPLICATION_CREDENTIALS: gcloud's file
    /// (<c>$CLOUDSDK_CONFIG</c> or <c>~/.config/gcloud</c>, <c>%APPDATA%\gcloud</c> on Windows,
    /// <c>application_default_credentials.json</c>: a user's refresh token or a service account key), else the metadata
    /// server of a Google Cloud machine (<c>GCE_METADATA_HOST</c>, default 169.254.169.254).
    /// </summary>
    private static GcsCredential? ApplicationDefault(Func<string, string?> variables, out string? reason)
    {
        reason = null;
        var config = ObjectStoreException.Value(variables, "CLOUDSDK_CONFIG")
            ?? (OperatingSystem.IsWindows()
                ? Path.Combine(ObjectStoreException.Value(variables, "APPDATA") ?? Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "gcloud")
                : Path.Combine(ObjectStoreException.Value(variables, "HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config", "gcloud"));
        var file = Path.Combine(config, "application_default_credentials.json");
        if (File.Exists(file))
        {
            if (Read(file, "gcloud's application default credentials", out reason) is not { } json)
            {
                return null;
            }

            try
            {
                using var document = JsonDocument.Parse(json);
                var root = document.RootElement;
                switch (GcsCredential.Text(root, "type"))
                {
                    case "authorized_user" when GcsCredential.Text(root, "client_id") is { } id && GcsCredential.Text(root, "client_secret") is { } secret && GcsCredential.Text(root, "refresh_token") is { } refresh:
                        return new GcsCredential.AuthorizedUser(id, secret, refresh);
                    case "service_account":
                        return GcsCredential.ServiceAccount.Parse(json);
                }
            }
            catch (Exception x) when (x is JsonException or FormatException or ArgumentException or System.Security.Cryptography.CryptographicException)
            {
                // Reported below without quoting the file.
            }

            reason = $"gcloud's application default credentials ({file}) are neither a user's refresh token nor a service account key; set GOOGLE_APPLICATION_CREDENTIALS to a service account key file";
            return null;
        }

        return new GcsCredential.MetadataServer(ObjectStoreException.Value(variables, "GCE_METADATA_HOST") ?? "169.254.169.254");
    }

    /// <summary>The text of a credentials file of at most 64 KiB; null with the reason otherwise.</summary>
    private static string? Read(string path, string what, out string? reason)
    {
        reason = null;
        try
        {
            var file = new FileInfo(path);
            if (!file.Exists)
            {
                reason = $"{what} names no readable file ({path}); set it to a service account key file";
                return null;
            }

            if (file.Length > MaxKeyFileBytes)
            {
                reason = $"{what} ({path}) is larger than {MaxKeyFileBytes / 1024} KiB; not a service account key file";
                return null;
            }

            return File.ReadAllText(path);
        }
        catch (Exception x) when (x is IOException or UnauthorizedAccessException)
        {
            reason = $"{what} ({path}) cannot be read: {ObjectStoreException.OneLine(x.Message)}";
            return null;
        }
    }

    /// <summary>The JSON API's base (<c>http://host:port/storage/v1/</c>) of a host with or without a scheme.</summary>
    private static string ApiBase(string host)
    {
        var root = host.Contains("://", StringComparison.Ordinal) ? host : "http://" + host;
        return root.TrimEnd('/') + "/storage/v1/";
    }

    /// <summary>The service account of a key file, asked for read-only storage; null with the reason when the file is no such key.</summary>
    private static GcsCredential? ServiceAccount(string path, out string? reason)
    {
        if (Read(path, "GOOGLE_APPLICATION_CREDENTIALS", out reason) is not { } json)
        {
            return null;
        }

        try
        {
            // Only a service account key: an external-account or impersonation file would make the client fetch whatever it names.
            // The access token comes from the key file's token_uri (not a self-signed JWT): the way a private token endpoint is honoured.
            return GcsCredential.ServiceAccount.Parse(json);
        }
        catch (Exception x) when (x is JsonException or FormatException or ArgumentException or System.Security.Cryptography.CryptographicException)
        {
            // The message of a key that does not parse never quotes the key.
            reason = $"GOOGLE_APPLICATION_CREDENTIALS ({path}) is not a usable service account key file ({x.GetType().Name}); set it to the JSON key of a service account";
            return null;
        }
    }
}
