using System.Text.Json.Serialization;
using Auditor.Core.Reporting;
using Auditor.Reporting.Portfolio;

namespace Auditor.Reporting;

/// <summary>
/// Source-generated metadata of every type a report template reads members of, under the C# member names: the
/// property getters Scriban calls through <see cref="TemplateModelAccessor"/> instead of reflection, so the
/// Native AOT build renders the same HTML as the JIT build.
/// </summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(AuditReport))]
[JsonSerializable(typeof(PortfolioReport))]
// Two records named CategoryScore (the report's and the portfolio entry's): the portfolio's gets its own names.
[JsonSerializable(typeof(Auditor.Reporting.Portfolio.CategoryScore), TypeInfoPropertyName = "PortfolioCategoryScore")]
[JsonSerializable(typeof(IReadOnlyList<Auditor.Reporting.Portfolio.CategoryScore>), TypeInfoPropertyName = "IReadOnlyListPortfolioCategoryScore")]
[JsonSerializable(typeof(IReadOnlyList<HtmlFindingGroups>))]
internal sealed partial class TemplateModelContext : JsonSerializerContext;
