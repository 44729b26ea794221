using Auditor.Core.Assessment;
using Auditor.Rules;

namespace Auditor.Cli;

/// <summary>The operator's policy: <c>--policy FILE</c>, else the file <c>MLAUDIT_POLICY</c> names, else the defaults. Relative paths resolve against the current folder.</summary>
internal static class OperatorPolicy
{
    public static AuditPolicy Load(string? option, CliEnvironment environment)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return PolicyLoader.Load(Path.GetFullPath(option, environment.CurrentDirectory), "--policy");
        }

        return environment.Variables(PolicyLoader.EnvironmentVariable) is { Length: > 0 } named
            ? PolicyLoader.Load(Path.GetFullPath(named, environment.CurrentDirectory), PolicyLoader.EnvironmentVariable)
            : AuditPolicy.Default;
    }
}
