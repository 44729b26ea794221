using Google.Apis.Auth.OAuth2;
using Google.Apis.Storage.v1;

namespace Auditor.Evidence.MLflow.Artifacts.ObjectStores;

/// <summary>
/// How Google Cloud Storage is reached, from the variables the store reader may see (never the process environment
/// directly): <c>STORAGE_EMULATOR_HOST</c> (the google-cloud libraries' convention: unauthenticated, the JSON API at that
/// host), else the service account key file <c>GOOGLE_APPLICATION_CREDENTIALS</c> names (its <c>token_uri</c> is where
/// the access token comes from); Google's application default credentials (gcloud's file, the metadata server) only when
/// the operator passed <c>--artifact-credentials</c>. <c>MLAUDIT_GCS_ENDPOINT</c> points an authenticated client at
/// another JSON API endpoint (a private endpoint, or the tests' stand-in).
/// </summary>
internal sealed record GcsSettings(ICredential? Credential, string? BaseUri)
{
    public const string Missing =
        "no Google Cloud credentials for GCS: set GOOGLE_APPLICATION_CREDENTIALS to a service account key file (or STORAGE_EMULATOR_HOST for an emulator), or pass --artifact-credentials to use Google's application default credentials (a store the project names sees no credentials without it)";

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

        var endpoint = ObjectStoreException.Value(variables, "MLAUDIT_GCS_ENDPOINT") is { } e ? ApiBase(e) : null;
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

        try
        {
            return new GcsSettings(GoogleCredential.GetApplicationDefault().CreateScoped(StorageService.Scope.DevstorageReadOnly), endpoint);
        }
        catch (InvalidOperationException x)
        {
            reason = $"Google's application default credentials are not available ({ObjectStoreException.OneLine(x.Message)}); set GOOGLE_APPLICATION_CREDENTIALS to a service account key file";
            return null;
        }
    }

    /// <summary>The JSON API's base (<c>http://host:port/storage/v1/</c>) of a host with or without a scheme.</summary>
    private static string ApiBase(string host)
    {
        var root = host.Contains("://", StringComparison.Ordinal) ? host : "http://" + host;
        return root.TrimEnd('/') + "/storage/v1/";
    }

    /// <summary>The service account of a key file, scoped to read-only storage; null with the reason when the file is no such key.</summary>
    private static ICredential? ServiceAccount(string path, out string? reason)
    {
        reason = null;
        string json;
        try
        {
            var file = new FileInfo(path);
            if (!file.Exists)
            {
                reason = $"GOOGLE_APPLICATION_CREDENTIALS names no readable file ({path}); set it to a service account key file";
                return null;
            }

            if (file.Length > MaxKeyFileBytes)
            {
                reason = $"GOOGLE_APPLICATION_CREDENTIALS ({path}) is larger than {MaxKeyFileBytes / 1024} KiB; not a service account key file";
                return null;
            }

            json = File.ReadAllText(path);
        }
        catch (Exception x) when (x is IOException or UnauthorizedAccessException)
        {
            reason = $"GOOGLE_APPLICATION_CREDENTIALS ({path}) cannot be read: {ObjectStoreException.OneLine(x.Message)}";
            return null;
        }

        try
        {
            // Only a service account key: an external-account or impersonation file would make the client fetch whatever it names.
            var account = CredentialFactory.FromJson<ServiceAccountCredential>(json);
            // Scoped, and asking the key file's token_uri for an access token (not a self-signed JWT): the way a private token endpoint is honoured.
            var scoped = (ServiceAccountCredential)account.ToGoogleCredential().CreateScoped(StorageService.Scope.DevstorageReadOnly).UnderlyingCredential;
            return scoped.WithUseJwtAccessWithScopes(false);
        }
        catch (Exception x) when (x is not OutOfMemoryException)
        {
            // The message of a key that does not parse never quotes the key.
            reason = $"GOOGLE_APPLICATION_CREDENTIALS ({path}) is not a usable service account key file ({x.GetType().Name}); set it to the JSON key of a service account";
            return null;
        }
    }
}
