namespace Auditor.Core.Evidence;

/// <summary>A configured remote; user names, passwords and tokens are stripped from the URL.</summary>
public sealed record GitRemote(string Name, string Url);
