using System.Reflection;
using Auditor.Core.Reporting;
using Auditor.Core.Rules;
using Scriban;
using Scriban.Runtime;

namespace Auditor.Reporting;

/// <summary>
/// Renders one self-contained HTML file from the Scriban template <c>report.html</c> and its stylesheet
/// <c>report.css</c>: embedded in the tool, or read from a folder given with <c>--templates</c>.
/// </summary>
public sealed class HtmlReportWriter(string? templatesDirectory = null)
{
    public const string TemplateName = "report.html";
    public const string StylesheetName = "report.css";

    public string Render(AuditReport report)
    {
        var template = Template.Parse(ReadTemplate(TemplateName), TemplateName);
        if (template.HasErrors)
        {
            var message = $"{TemplateName}: {string.Join("; ", template.Messages)}";
            throw IsOverridden(TemplateName) ? new Auditor.Core.AuditInputException($"--templates {message}") : new InvalidDataException(message);
        }

        var globals = new ScriptObject
        {
            ["report"] = report,
            ["css"] = new TrustedHtml(ReadTemplate(StylesheetName)),
            ["genai"] = report.Inventory.GenAi is { } genai && genai.HasEntities() ? genai : null,
            ["genai_period"] = report.Inventory.GenAi?.TracePeriod(),
            ["run_statuses"] = report.Inventory.Runs.ByStatus.Select(s => new ScriptObject { ["status"] = s.Key, ["runs"] = s.Value }).ToList(),
            ["findings_by_level"] = HtmlFindingGroups.Of(report),
            ["failing"] = report.Findings.Count(f => f.IsFailing()),
            ["outcome_counts"] = new ScriptObject
            {
                ["all"] = report.Findings.Count,
                ["failing"] = report.Findings.Count(f => f.IsFailing()),
                ["waived"] = report.Findings.Count(f => f.IsWaived),
                ["unknown"] = report.Findings.Count(f => f.Outcome == Outcome.Unknown && !f.IsWaived),
                ["pass"] = report.Findings.Count(f => f.Outcome == Outcome.Pass),
                ["not_applicable"] = report.Findings.Count(f => f.Outcome == Outcome.NotApplicable),
            },
            ["next_level"] = report.Maturity.Levels.Where(l => l.Level > report.Maturity.Level).OrderBy(l => l.Level).FirstOrDefault(),
            ["tracking_source"] = TrackingText.Source(report.Subject.Tracking.Source),
            ["tracking_state"] = TrackingText.State(report.Subject.Tracking.State),
            ["generated_at"] = report.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture),
            ["category_chart"] = SvgCharts.Categories(report.Categories),
            ["runs_chart"] = SvgCharts.RunsOverTime(report.RunsOverTime),
            ["history_chart"] = SvgCharts.History(report.History),
            ["history_categories"] = report.History.SelectMany(h => h.Categories.Keys).Distinct().Order(StringComparer.Ordinal).ToList(),
        };
        globals["label"] = new TemplateFunction<object?, string>(LabelOf);
        globals["markdown"] = new TemplateFunction<string?, TrustedHtml>(SafeMarkdown.ToHtml);
        globals["category"] = new TemplateFunction<string?, string>(c => CategoryLabels.Of(c ?? ""));
        globals["category_score"] = new TemplateFunction<Auditor.Core.Scoring.CategoryScore, string>(CategoryWording.Score);
        globals["filter_class"] = new TemplateFunction<Finding, string>(HtmlFindingGroups.FilterClass);
        globals["level_wording"] = new TemplateFunction<Auditor.Core.Scoring.LevelResult, string>(l => LevelWording.Of(l, report.Maturity.Level));

        var context = new HtmlTemplateContext();
        context.PushCulture(System.Globalization.CultureInfo.InvariantCulture);
        context.PushGlobal(globals);
        return template.Render(context);
    }

    private static string LabelOf(object? value) => value switch
    {
        Enum e => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(e.ToString()),
        null => "",
        _ => value.ToString() ?? "",
    };

    private bool IsOverridden(string name) => templatesDirectory is not null && File.Exists(Path.Combine(templatesDirectory, name));

    private string ReadTemplate(string name)
    {
        if (templatesDirectory is not null)
        {
            var path = Path.Combine(templatesDirectory, name);
            if (File.Exists(path))
            {
                return File.ReadAllText(path);
            }
        }

        return BuiltInTemplate(name);
    }

    /// <summary>A template embedded in the tool (<c>templates/</c>).</summary>
    internal static string BuiltInTemplate(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("templates/" + name)
            ?? throw new InvalidOperationException($"the built-in template {name} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
