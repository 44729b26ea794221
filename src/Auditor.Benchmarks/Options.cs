namespace Auditor.Benchmarks;

/// <summary>Minimal option parsing for a benchmark command (not a user-facing CLI).</summary>
internal static class Options
{
    public static string? String(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    public static int Int(string[] args, string name, int fallback) =>
        String(args, name) is { } text ? int.Parse(text.Replace("_", "").Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture) : fallback;

    public static bool Flag(string[] args, string name) => args.Contains(name);
}
