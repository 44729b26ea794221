namespace Auditor.Core.Tracking;

/// <summary>Something in the store that could not be read; the audit goes on without it.</summary>
public sealed record StoreProblem(string Path, string Message);
