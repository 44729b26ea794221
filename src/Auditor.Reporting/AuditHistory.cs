using System.Globalization;
using System.Text.Json;
using Auditor.Core.Reporting;

namespace Auditor.Reporting;

/// <summary>
/// Keeps dated JSON results in a folder (<c>--history DIR</c>) and reads them back as the trend of the level
/// and category scores. Files that are not mlaudit reports are skipped and named.
/// </summary>
public static class AuditHistory
{
    public const string FilePrefix = "mlaudit-";

    /// <summary>Writes this report into the folder and returns it with the whole history attached.</summary>
    public static (AuditReport Report, IReadOnlyList<string> Problems) Record(AuditReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        var (earlier, problems) = Load(directory);
        var points = earlier.Where(p => p.GeneratedAt < report.GeneratedAt).Append(PointOf(report)).ToList();
        var withHistory = report with { History = points };
        var name = FilePrefix + report.GeneratedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + ".json";
        File.WriteAllText(Path.Combine(directory, name), JsonReportWriter.Serialize(withHistory with { History = [] }));
        return (withHistory, problems);
    }

    public static (IReadOnlyList<HistoryPoint> Points, IReadOnlyList<string> Problems) Load(string directory)
    {
        var points = new List<HistoryPoint>();
        var problems = new List<string>();
        foreach (var file in Directory.EnumerateFiles(directory, FilePrefix + "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllText(file));
                var root = document.RootElement;
                var categories = root.GetProperty("categories").EnumerateArray().ToDictionary(
                    c => c.GetProperty("category").GetString()!,
                    c => c.GetProperty("score").ValueKind == JsonValueKind.Number ? c.GetProperty("score").GetInt32() : (int?)null,
                    StringComparer.Ordinal);
                points.Add(new HistoryPoint(root.GetProperty("generatedAt").GetDateTimeOffset(), root.GetProperty("maturity").GetProperty("level").GetInt32(), categories));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                problems.Add($"{file}: not an mlaudit report ({e.Message.Split('\n')[0]}); left out of the history");
            }
        }

        return (points.OrderBy(p => p.GeneratedAt).ToList(), problems);
    }

    private static HistoryPoint PointOf(AuditReport report) =>
        new(report.GeneratedAt, report.Maturity.Level, report.Categories.ToDictionary(c => c.Category, c => c.Score, StringComparer.Ordinal));
}
