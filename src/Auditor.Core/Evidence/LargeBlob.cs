namespace Auditor.Core.Evidence;

/// <summary>
/// A file stored in git history that is large or looks like a model or data file.
/// <paramref name="Commit"/> is one commit that contains it; <paramref name="Reason"/> is "size" or "model-or-data".
/// </summary>
public sealed record LargeBlob(string Path, long Size, string Commit, string Reason);
