namespace Auditor.Evidence.MLflow.Rest;

/// <summary>
/// A bound on reading the server was reached (the deadline, an answer or the audit too large, too many items or
/// pages): the search it stopped keeps what it read, and the store is partly read. <see cref="Reason"/> is the bound, without the request.
/// </summary>
public sealed class RestLimitException(string message, string reason) : RestStoreException(message)
{
    public string Reason { get; } = reason;
}
