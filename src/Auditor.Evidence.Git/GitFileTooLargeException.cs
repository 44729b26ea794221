namespace Auditor.Evidence.Git;

/// <summary>A repository file over its <see cref="GitFileLimits"/> bound: the repository is not opened.</summary>
public sealed class GitFileTooLargeException(string message) : IOException(message);
