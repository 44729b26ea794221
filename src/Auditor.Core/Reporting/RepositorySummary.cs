namespace Auditor.Core.Reporting;

public sealed record RepositorySummary(string Root, string? Head, string? Branch, bool Dirty, bool Shallow);
