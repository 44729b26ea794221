using System.Text.Json.Serialization;
using Auditor.Core.Reporting;
using Auditor.Reporting.Portfolio;

namespace Auditor.Reporting;

/// <summary>
/// Source-generated System.Text.Json metadata for every JSON document mlaudit writes or reads back as a model
/// (report.json, portfolio.json): no reflection, so the Native AOT build writes the same bytes as the JIT build.
/// The naming conventions live in <see cref="JsonReportWriter.Options"/>, which uses this context as its resolver.
/// </summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(AuditReport))]
[JsonSerializable(typeof(PortfolioReport))]
// Two records named CategoryScore (the report's and the portfolio entry's): the portfolio's gets its own names.
[JsonSerializable(typeof(Auditor.Reporting.Portfolio.CategoryScore), TypeInfoPropertyName = "PortfolioCategoryScore")]
[JsonSerializable(typeof(IReadOnlyList<Auditor.Reporting.Portfolio.CategoryScore>), TypeInfoPropertyName = "IReadOnlyListPortfolioCategoryScore")]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
