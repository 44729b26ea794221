namespace Auditor.Core.Reporting;

public sealed record ToolInfo(string Name, string Version);
