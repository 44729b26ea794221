using Auditor.Core.Facts;

namespace Auditor.Evidence.MLflow;

/// <summary>Removes credentials from URIs before they reach any output (see <see cref="UriCredentials"/>).</summary>
public static class UriRedactor
{
    public static string Redact(string uri) => UriCredentials.Redact(uri);
}
