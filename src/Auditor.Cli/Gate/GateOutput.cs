namespace Auditor.Cli.Gate;

/// <summary>Prints the gate's decision, and the baseline comparison, on standard error (reports own standard output).</summary>
internal static class GateOutput
{
    public static void Write(GateResult result, GateSettings settings, TextWriter error)
    {
        if (settings.Baseline is not null)
        {
            error.WriteLine(result.Improved.Count == 0 ? "baseline: nothing improved" : $"baseline: improved: {string.Join(", ", result.Improved)}");
            error.WriteLine(result.Regressed.Count == 0 ? "baseline: nothing regressed" : $"baseline: regressed: {string.Join(", ", result.Regressed)}");
        }

        if (settings == GateSettings.None)
        {
            return;
        }

        if (result.Passed)
        {
            error.WriteLine("gate: passed");
            return;
        }

        foreach (var reason in result.Reasons)
        {
            error.WriteLine($"gate: failed: {reason}");
        }
    }
}
