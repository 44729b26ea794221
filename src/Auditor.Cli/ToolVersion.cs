using System.Reflection;
using Auditor.Core.Reporting;

namespace Auditor.Cli;

internal static class ToolVersion
{
    public static ToolInfo Info { get; } = new("mlaudit", Read());

    private static string Read()
    {
        var informational = typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+');
        return plus < 0 ? informational : informational[..plus];
    }
}
