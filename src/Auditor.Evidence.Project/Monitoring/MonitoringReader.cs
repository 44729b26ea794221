using System.Text.RegularExpressions;
using Auditor.Core.Evidence;

namespace Auditor.Evidence.Project.Monitoring;

/// <summary>
/// Monitoring and data validation: imports of Evidently, whylogs, NannyML, Great Expectations, Deepchecks,
/// alibi-detect and prometheus_client; Great Expectations projects; Prometheus rule files; Grafana dashboards.
/// </summary>
internal static partial class MonitoringReader
{
    private static readonly (string Tool, string Module)[] Libraries =
    [
        ("evidently", "evidently"), ("whylogs", "whylogs"), ("nannyml", "nannyml"), ("great-expectations", "great_expectations"),
        ("deepchecks", "deepchecks"), ("alibi-detect", "alibi_detect"), ("prometheus-client", "prometheus_client"),
        ("prometheus-client", "prometheus_fastapi_instrumentator"),
    ];

    public static IReadOnlyList<MonitoringConfig> Read(ProjectContext context)
    {
        var found = new List<MonitoringConfig>();
        foreach (var file in context.Files)
        {
            if (file.Name is "great_expectations.yml" or "great_expectations.yaml")
            {
                found.Add(new(context.Locate(file), "great-expectations"));
            }
            else if (file.Extension == ".py" && context.Read(file) is { } python)
            {
                found.AddRange(Libraries
                    .Select(l => (l.Tool, Line: TextLines.LineOf(python, "import " + l.Module) ?? TextLines.LineOf(python, "from " + l.Module)))
                    .Where(l => l.Line is not null)
                    .DistinctBy(l => l.Tool)
                    .Select(l => new MonitoringConfig(context.Locate(file, l.Line), l.Tool)));
            }
            else if (file.Extension is ".yml" or ".yaml" && context.Read(file) is { } yaml && PrometheusRule().Match(yaml) is { Success: true } rule)
            {
                found.Add(new(context.Locate(file, yaml.AsSpan(0, rule.Index).Count('\n') + 1), "prometheus-rules"));
            }
            else if (file.Extension == ".json" && (file.RelativePath.Contains("grafana", StringComparison.OrdinalIgnoreCase) || file.Name.Contains("dashboard", StringComparison.OrdinalIgnoreCase))
                && context.Read(file) is { } json && json.Contains("\"panels\"", StringComparison.Ordinal))
            {
                found.Add(new(context.Locate(file), "grafana"));
            }
        }

        return found;
    }

    [GeneratedRegex(@"kind:\s*PrometheusRule|^\s*-?\s*alert:\s*\S+[\s\S]*?expr:|^\s*-?\s*record:\s*\S+[\s\S]*?expr:", RegexOptions.Multiline)]
    private static partial Regex PrometheusRule();
}
