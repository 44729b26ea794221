namespace Auditor.Core.Evidence;

/// <summary>
/// One dependency declared in an environment file. <paramref name="Pinned"/> means an exact version
/// (<c>==</c>, <c>===</c>, a hash, a conda full <c>=</c> version, or a lock-file entry).
/// </summary>
public sealed record Requirement(string Name, string Specifier, bool Pinned, int? Line);
