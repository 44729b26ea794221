namespace Auditor.Core.Facts;

/// <summary>A fact name rules may use, with what it means (shown by <c>mlaudit rules</c> and in docs).</summary>
public sealed record FactDescriptor(string Name, string Type, string Description);
