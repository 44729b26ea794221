using System.Reflection;
using Auditor.Core.Reporting;

namespace Auditor.Cli;

/// <summary>
/// The tool's version (from the git tag through MinVer, e.g. 0.2.0-alpha.0.14 between tags), the commit it was built
/// from (the SDK appends <c>+sha</c> to the informational version) and its repository (the csproj's RepositoryUrl).
/// </summary>
internal static class ToolVersion
{
    private static readonly string Informational = typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public static ToolInfo Info { get; } = new("mlaudit", Informational.Split('+')[0]);

    /// <summary>The full commit id the tool was built from, or null when the build did not know it.</summary>
    public static string? Commit { get; } = Informational.Split('+').Skip(1).SelectMany(m => m.Split('.')).LastOrDefault(IsCommit);

    public static string? RepositoryUrl { get; } = typeof(ToolVersion).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .FirstOrDefault(a => a.Key == "RepositoryUrl" && !string.IsNullOrEmpty(a.Value))?.Value?.TrimEnd('/');

    /// <summary>docs/rules.md at the tool's commit, else at its release tag; null without a repository URL.</summary>
    public static string? RulesDocument => RepositoryUrl is not { } url ? null
        : $"{url}/blob/{Commit ?? (Info.Version.Contains('-') ? "main" : "v" + Info.Version)}/docs/rules.md";

    private static bool IsCommit(string text) => text.Length == 40 && text.All(char.IsAsciiHexDigit);
}
