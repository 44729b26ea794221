namespace Auditor.Evidence.Git;

/// <summary>Strips credentials (user info, query strings) from remote URLs before they become evidence.</summary>
public static class RemoteUrls
{
    public static string Strip(string url)
    {
        if (!url.Contains("://", StringComparison.Ordinal) || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            // scp-like "git@host:org/repo.git" or a local path: the user name is not a secret.
            return url;
        }

        if (uri.IsFile)
        {
            return url;
        }

        var builder = new UriBuilder(uri) { UserName = "", Password = "", Query = "", Fragment = "" };
        return builder.Uri.IsDefaultPort
            ? $"{builder.Scheme}://{builder.Host}{builder.Path}"
            : $"{builder.Scheme}://{builder.Host}:{builder.Port}{builder.Path}";
    }
}
