namespace Auditor.Core.Reporting;

/// <summary>One earlier audit of the project, as kept by <c>--history</c>: when, the level, and the category scores.</summary>
public sealed record HistoryPoint(DateTimeOffset GeneratedAt, int Level, IReadOnlyDictionary<string, int?> Categories);
