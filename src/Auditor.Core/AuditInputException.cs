namespace Auditor.Core;

/// <summary>
/// An expected problem with what the user gave us (a path that does not exist, an invalid rule file,
/// an unreadable tracking URI). It becomes one clear line and exit code 2; anything else is a bug.
/// </summary>
public sealed class AuditInputException(string message, Exception? inner = null) : Exception(message, inner);
