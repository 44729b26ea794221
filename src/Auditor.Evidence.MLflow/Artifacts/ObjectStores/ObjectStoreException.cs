namespace Auditor.Evidence.MLflow.Artifacts.ObjectStores;

/// <summary>
/// Object storage did not give what was asked for: a refusal (HTTP 401/403: no access, a wrong key), no answer in
/// time, or a failure after the retries. The message is one line; the linker logs it and the model stays unknown.
/// The helpers are the wording every store (S3, Azure, Google Cloud Storage) shares.
/// </summary>
internal sealed class ObjectStoreException(string message) : IOException(message)
{
    /// <summary>The first line of a client library's message, trimmed.</summary>
    public static string OneLine(string message) => message.Split('\n')[0].Trim();

    /// <summary>A request that got no answer within the per-request timeout.</summary>
    public static ObjectStoreException NoAnswer(string service, TimeSpan timeout) =>
        new($"{service} sent no answer within {Rest.RestLimits.Duration(timeout)} (set MLFLOW_HTTP_REQUEST_TIMEOUT to wait longer)");

    /// <summary>The trimmed value of a variable, or null when it is unset or blank.</summary>
    public static string? Value(Func<string, string?> variables, string name) =>
        variables(name) is { } value && value.Trim() is { Length: > 0 } trimmed ? trimmed : null;
}
