namespace Auditor.Evidence.MLflow.Artifacts.ObjectStores;

/// <summary>
/// A model folder in object storage as MLflow records it: <c>s3://bucket/key</c>, <c>wasbs://container@account.blob.core.windows.net/path</c>
/// (and <c>wasb</c>, <c>abfss</c>, <c>abfs</c>), <c>gs://bucket/path</c>. Object keys are literal, so a <c>..</c> segment (in
/// any spelling <see cref="ArtifactPath"/> knows) is never resolved: such a location is refused, as is one whose path
/// <see cref="ArtifactPath.Relative"/> refuses (an encoded separator or NUL).
/// </summary>
internal sealed record ObjectStoreUri(string Store, string Bucket, string? Account, string Prefix)
{
    public const string S3 = "s3";
    public const string Azure = "azure";
    public const string Gcs = "gcs";

    /// <summary>Which object store a location names (<see cref="S3"/>, <see cref="Azure"/>, <see cref="Gcs"/>), or null for any other.</summary>
    public static string? StoreOf(string uri)
    {
        var colon = uri.IndexOf("://", StringComparison.Ordinal);
        return colon < 0 ? null : uri[..colon].ToLowerInvariant() switch
        {
            "s3" => S3,
            "wasbs" or "wasb" or "abfss" or "abfs" => Azure,
            "gs" => Gcs,
            _ => null,
        };
    }

    /// <summary>The folder <paramref name="uri"/> names, or null with the reason it is refused.</summary>
    public static ObjectStoreUri? Parse(string uri, out string? refusal)
    {
        refusal = ArtifactPath.Unusable(uri);
        if (refusal is not null || StoreOf(uri) is not { } store)
        {
            refusal ??= "not an object-storage location; not read";
            return null;
        }

        var rest = uri[(uri.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var slash = rest.IndexOf('/');
        var authority = slash < 0 ? rest : rest[..slash];
        var path = slash < 0 ? "" : rest[(slash + 1)..];
        string? account = null;
        if (store == Azure)
        {
            var at = authority.IndexOf('@');
            account = at < 0 ? null : authority[(at + 1)..];
            authority = at < 0 ? "" : authority[..at];
        }

        if (authority.Length == 0 || (store == Azure && string.IsNullOrEmpty(account)))
        {
            refusal = store == Azure ? "names no container@account; not read" : "names no bucket; not read";
            return null;
        }

        if (path.Replace('\\', '/').Split('/').Any(s => ArtifactPath.Relative(s) is null) || ArtifactPath.Relative(path) is not { } prefix)
        {
            refusal = "climbs with '..' (or holds an encoded separator); object keys are not resolved, so nothing outside the model folder is read";
            return null;
        }

        return new ObjectStoreUri(store, authority, account, prefix);
    }

    /// <summary>The key of a file directly in the folder.</summary>
    public string KeyOf(string name) => Prefix.Length == 0 ? name : Prefix + "/" + name;

    /// <summary>What a listing asks for: every key in the folder (and, with '/' as delimiter, nothing below it).</summary>
    public string ListPrefix => Prefix.Length == 0 ? "" : Prefix + "/";

    /// <summary>The file name of a listed key directly in the folder, or null for any other key (below it, elsewhere, or one that climbs).</summary>
    public string? NameOf(string key)
    {
        if (!key.StartsWith(ListPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var name = key[ListPrefix.Length..];
        return name.Length > 0 && !name.Contains('/', StringComparison.Ordinal) && ArtifactPath.Relative(name) == name ? name : null;
    }
}
