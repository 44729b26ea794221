using System.Text.Json;

namespace Auditor.Reporting.Portfolio;

/// <summary>The portfolio as JSON (<c>portfolio.json</c>), documented in <c>docs/portfolio.schema.json</c>; same conventions as <c>report.json</c>.</summary>
public static class PortfolioJsonWriter
{
    public static string Serialize(PortfolioReport portfolio) => JsonSerializer.Serialize(portfolio, JsonReportWriter.Info<PortfolioReport>(JsonReportWriter.Options));

    /// <summary>An earlier portfolio, for the trend; a file that is not one is an input error naming it.</summary>
    public static PortfolioReport ReadPrevious(string path, string shown)
    {
        try
        {
            var previous = JsonSerializer.Deserialize(File.ReadAllText(path), JsonReportWriter.Info<PortfolioReport>(JsonReportWriter.Options));
            return previous is { SchemaVersion: "1" } && previous.Projects is not null && previous.Levels is not null
                ? previous
                : throw new Auditor.Core.AuditInputException($"--previous {shown}: not an mlaudit portfolio.json (schemaVersion 1)");
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new Auditor.Core.AuditInputException($"--previous {shown}: not an mlaudit portfolio.json ({e.Message.Split('\n')[0]})");
        }
    }
}
