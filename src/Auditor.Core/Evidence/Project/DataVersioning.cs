namespace Auditor.Core.Evidence;

/// <summary>
/// Data versioning in use. <see cref="Kind"/> is dvc, git-lfs or lakefs; <see cref="Details"/> are DVC
/// remotes (URL without credentials), LFS patterns, or lakeFS endpoints.
/// </summary>
public sealed record DataVersioning(SourceLocation Location, string Kind, IReadOnlyList<string> Details);
