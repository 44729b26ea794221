using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Auditor.Core;

namespace Auditor.Cli.Commands;

/// <summary>
/// <c>--timeout</c> of <c>audit</c> and <c>trace</c>: how long reading a tracking server may take in all, as seconds
/// (<c>600</c>) or a duration (<c>90s</c>, <c>10m</c>, <c>1h30m</c>); else <c>MLAUDIT_TIMEOUT</c>; else 10 minutes.
/// </summary>
internal static partial class TimeoutOption
{
    public const string Variable = "MLAUDIT_TIMEOUT";

    public static Option<string?> Create() => new("--timeout")
    {
        Description = "How long reading a tracking server may take in all: seconds or a duration (90s, 10m, 1h). When it passes, the audit goes on with what was read and says so. Default: MLAUDIT_TIMEOUT, else 10m.",
    };

    /// <summary>The option's value, else the variable's; null for neither (the reader's default).</summary>
    public static TimeSpan? Resolve(string? option, CliEnvironment environment) =>
        option is not null ? Parse(option, "--timeout") : environment.Variables(Variable) is { Length: > 0 } text ? Parse(text, Variable) : null;

    public static TimeSpan Parse(string text, string source)
    {
        var trimmed = text.Trim();
        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return Positive(TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.MaxValue.TotalSeconds / 2)), text, source);
        }

        var match = Duration().Match(trimmed);
        if (!match.Success || trimmed.Length == 0)
        {
            throw Invalid(text, source);
        }

        var total = TimeSpan.Zero;
        foreach (var (group, unit) in new[] { ("h", 3600.0), ("m", 60.0), ("s", 1.0) })
        {
            if (match.Groups[group].Success)
            {
                total += TimeSpan.FromSeconds(Math.Min(double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture), 1e9) * unit);
            }
        }

        return Positive(total, text, source);
    }

    private static TimeSpan Positive(TimeSpan value, string text, string source) => value > TimeSpan.Zero ? value : throw Invalid(text, source);

    private static AuditInputException Invalid(string text, string source) =>
        new($"{source} '{text}': not a duration (seconds, or 90s, 10m, 1h30m; more than zero)");

    [GeneratedRegex(@"^(?:(?<h>\d+(?:\.\d+)?)h)?(?:(?<m>\d+(?:\.\d+)?)m(?:in)?)?(?:(?<s>\d+(?:\.\d+)?)s)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Duration();
}
