using Auditor.Core;
using Auditor.Reporting;

namespace Auditor.Cli;

/// <summary>
/// The values of a <c>--format</c> option (repeated or comma-separated, any case) as report formats, each once, in the
/// order given; console when none. A name that is no format, or not one the command writes, is exit 2.
/// </summary>
internal static class FormatOption
{
    /// <param name="supported">The formats the command writes; every format when null.</param>
    /// <param name="kind">What the command writes, for the error line ("portfolio"); with <paramref name="supported"/>.</param>
    public static List<ReportFormat> Parse(IReadOnlyList<string> values, IReadOnlyCollection<ReportFormat>? supported = null, string? kind = null)
    {
        var allowed = supported ?? Enum.GetValues<ReportFormat>();
        var formats = new List<ReportFormat>();
        foreach (var name in values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!Enum.TryParse<ReportFormat>(name, ignoreCase: true, out var format) || int.TryParse(name, out _) || !allowed.Contains(format))
            {
                var use = string.Join(", ", allowed.Select(Labels.Of));
                throw new AuditInputException(kind is null ? $"--format: unknown format '{name}' (use {use})" : $"--format: '{name}' is not a {kind} format (use {use})");
            }

            if (!formats.Contains(format))
            {
                formats.Add(format);
            }
        }

        return formats.Count == 0 ? [ReportFormat.Console] : formats;
    }
}
