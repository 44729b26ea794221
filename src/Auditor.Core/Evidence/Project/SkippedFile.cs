namespace Auditor.Core.Evidence;

/// <summary>A file the project collector did not read, and why (too large, a symlink leaving the project, unreadable).</summary>
public sealed record SkippedFile(string Path, string Reason);
