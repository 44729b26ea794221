namespace Auditor.Evidence.MLflow;

/// <summary>
/// A store that was opened (a tracking server answered, credentials accepted) but whose content could not be read:
/// unlike a store that cannot be opened at all, this does not stop an audit of a store the user named.
/// </summary>
public sealed class StoreContentException(string message, Exception inner) : IOException(message, inner);
