namespace Auditor.Evidence.MLflow.Rest;

/// <summary>A tracking server that could not be read; the message is one line and holds no credentials.</summary>
public class RestStoreException(string message, Exception? inner = null) : IOException(message, inner);
