namespace Auditor.Evidence.MLflow.Artifacts.ObjectStores;

/// <summary>
/// Object storage did not give what was asked for: a refusal (HTTP 401/403: no access, a wrong key), no answer in
/// time, or a failure after the retries. The message is one line; the linker logs it and the model stays unknown.
/// </summary>
internal sealed class ObjectStoreException(string message) : IOException(message);
