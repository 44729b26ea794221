using Auditor.Core.Trace;
using Auditor.Reporting;

namespace Auditor.Cli;

/// <summary>The pre-release gate: the chosen version's verdict must be at least the required one.</summary>
internal static class PreRelease
{
    public static int Judge(ModelTrace release, Verdict required, TextWriter output)
    {
        var passed = release.Verdict <= required;
        output.WriteLine();
        output.WriteLine(TerminalText.Clean($"Pre-release audit of {release.Model} v{release.Version}: {Labels.Of(release.Verdict)} (required: {Labels.Of(required)}) - {(passed ? "PASS" : "FAIL")}"));
        foreach (var gap in release.Gaps)
        {
            output.WriteLine($"  - {TerminalText.Clean(gap)}");
        }

        return passed ? ExitCodes.Success : ExitCodes.GateFailed;
    }
}
