using System.Globalization;

namespace Auditor.Evidence.MLflow.Rest;

/// <summary>
/// The bounds on reading one tracking server, from <see cref="TrackingReadOptions"/>, else the <c>MLAUDIT_REST_*</c>
/// variables, else the defaults: a server is untrusted input, so no answer, no audit and no wait is unbounded.
/// </summary>
internal sealed record RestLimits(long MaxResponseBytes, long MaxTotalBytes, int MaxItems, int MaxPages, int MaxRedirects, TimeSpan Deadline)
{
    public const string ResponseVariable = "MLAUDIT_REST_MAX_RESPONSE_MB";
    public const string TotalVariable = "MLAUDIT_REST_MAX_TOTAL_MB";
    public const string ItemsVariable = "MLAUDIT_REST_MAX_ITEMS";

    private const long MiB = 1024 * 1024;

    public static RestLimits From(TrackingReadOptions options) => new(
        options.MaxResponseBytes ?? Positive(options.Variables(ResponseVariable), 1 << 20) * MiB ?? 64 * MiB,
        options.MaxTotalBytes ?? Positive(options.Variables(TotalVariable), 1 << 20) * MiB ?? 192 * MiB,
        options.MaxItems ?? (int)(Positive(options.Variables(ItemsVariable), int.MaxValue) ?? 250_000),
        Math.Max(1, options.MaxPages),
        Math.Max(0, options.MaxRedirects),
        options.Deadline is { } deadline && deadline > TimeSpan.Zero ? deadline : TrackingReadOptions.DefaultDeadline);

    public static string Size(long bytes) =>
        bytes % MiB == 0 ? $"{bytes / MiB} MiB" : bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes";

    public static string Duration(TimeSpan span) =>
        span.TotalSeconds < 60 || span.TotalSeconds % 60 != 0
            ? span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s"
            : (span.TotalMinutes % 60 != 0 || span.TotalHours < 1 ? $"{span.TotalMinutes:0} min" : $"{span.TotalHours:0} h");

    private static long? Positive(string? text, long max) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? Math.Min(n, max) : null;
}
