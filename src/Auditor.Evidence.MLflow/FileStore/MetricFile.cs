using Auditor.Core.Tracking;
using System.Globalization;

namespace Auditor.Evidence.MLflow.FileStore;

/// <summary>
/// Parses a run metric file: "timestamp value [step [dataset_name dataset_digest]]" lines (2, 3 or 5 fields,
/// mlflow/store/tracking/file_store.py _get_metric_from_line), without allocating per line.
/// </summary>
internal static class MetricFile
{
    /// <summary>
    /// Summarises the history of <paramref name="key"/>. Steps are counted in order; the rare history whose steps are
    /// not in order is read a second time with a set.
    /// </summary>
    public static MetricSummary Read(string file, string key, ProblemLog problems)
    {
        var builder = MetricSummaryBuilder.ForOrderedHistory(key);
        var bad = SmallFile.Read(file, builder, static (b, text) => AddLines(b, text));
        if (bad > 0)
        {
            problems.Add(file, $"line {bad}: not a metric line (expected 'timestamp value step')");
        }

        if (!builder.InStepOrder)
        {
            builder = new MetricSummaryBuilder(key);
            SmallFile.Read(file, builder, static (b, text) => AddLines(b, text));
        }

        return builder.Build();
    }

    /// <summary>Adds every point; returns the number of the first bad line, or 0.</summary>
    private static int AddLines(MetricSummaryBuilder builder, ReadOnlySpan<char> text)
    {
        var lineNumber = 0;
        var firstBad = 0;
        Span<Range> fields = stackalloc Range[6];
        foreach (var raw in text.EnumerateLines())
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.IsEmpty)
            {
                continue;
            }

            var count = line.Split(fields, ' ');
            long step = 0;
            if (count is not (2 or 3 or 5)
                || !long.TryParse(line[fields[0]], NumberStyles.Integer, CultureInfo.InvariantCulture, out var timestamp)
                || !MetricSummaryBuilder.TryParseValue(line[fields[1]], out var value)
                || (count > 2 && !long.TryParse(line[fields[2]], NumberStyles.Integer, CultureInfo.InvariantCulture, out step)))
            {
                firstBad = firstBad == 0 ? lineNumber : firstBad;
                continue;
            }

            builder.Add(timestamp, value, step);
        }

        return firstBad;
    }
}
