using System.Text.RegularExpressions;
using Auditor.Core.Evidence;
using Auditor.Evidence.Project.TestSuites;
using YamlDotNet.RepresentationModel;

namespace Auditor.Evidence.Project.Monitoring;

/// <summary>
/// Monitoring of the deployed model: drift, data-quality or performance checks that run without a person. Accepted
/// positive signals, and nothing weaker:
/// <list type="bullet">
/// <item><b>a scheduled check</b>: a Python file that imports Evidently, whylogs, NannyML, Great Expectations, Deepchecks or alibi-detect and is
/// run by a schedule (a CI workflow with a schedule trigger that names the file or its module, a Kubernetes <c>CronJob</c> or Argo
/// <c>CronWorkflow</c> that names it), or is itself a scheduled pipeline (an Airflow DAG, Prefect flow, ZenML, Metaflow or Kubeflow pipeline
/// with a schedule or cron); a Great Expectations checkpoint run (<c>great_expectations checkpoint run</c>, <c>gx checkpoint run</c>,
/// the Great Expectations action) in a scheduled workflow;</item>
/// <item><b>prometheus-alerts</b>: Prometheus alerting rules (a rules file or a <c>PrometheusRule</c>) with an alert on a model metric
/// (its name or expression mentions model, prediction, inference, drift, accuracy, a serving runtime, …);</item>
/// <item><b>a cloud model monitor</b>: SageMaker Model Monitor (<c>create_monitoring_schedule</c>, <c>AWS::SageMaker::MonitoringSchedule</c>,
/// <c>aws_sagemaker_monitoring_schedule</c>), Vertex AI model monitoring (<c>ModelDeploymentMonitoringJob</c>, <c>gcloud ai model-monitoring-jobs create</c>),
/// Azure ML model monitoring (<c>MonitorSchedule</c>, a <c>monitorSchedule</c> YAML), Databricks Lakehouse Monitoring (<c>quality_monitors.create</c>).</item>
/// </list>
/// Not monitoring: a library import that nothing schedules (a notebook, an evaluation step, a course's <c>monitoring/</c> folder of notebooks),
/// a Grafana dashboard file, <c>prometheus_client</c> instrumentation, a <c>great_expectations.yml</c> alone, alerts on infrastructure metrics only.
/// </summary>
internal static partial class MonitoringReader
{
    private static readonly (string Tool, string Seen)[] CloudMonitors =
    [
        ("sagemaker-model-monitor", ".create_monitoring_schedule("), ("sagemaker-model-monitor", "AWS::SageMaker::MonitoringSchedule"),
        ("sagemaker-model-monitor", "\"aws_sagemaker_monitoring_schedule\""), ("vertex-model-monitoring", "ModelDeploymentMonitoringJob"),
        ("vertex-model-monitoring", "ai model-monitoring-jobs create"), ("azureml-model-monitor", "MonitorSchedule("),
        ("azureml-model-monitor", "/monitorSchedule.schema.json"), ("databricks-lakehouse-monitor", "quality_monitors.create("),
        ("databricks-lakehouse-monitor", "lakehouse_monitoring.create_monitor("),
    ];

    private static readonly (string Tool, string Module)[] Libraries =
    [
        ("evidently", "evidently"), ("whylogs", "whylogs"), ("nannyml", "nannyml"), ("great-expectations", "great_expectations"),
        ("great-expectations", "gx"), ("deepchecks", "deepchecks"), ("alibi-detect", "alibi_detect"),
    ];

    public static IReadOnlyList<MonitoringConfig> Read(ProjectContext context, IReadOnlyList<CiWorkflow> ci, IReadOnlyList<PipelineDefinition> pipelines)
    {
        var found = new List<MonitoringConfig>();
        var schedules = Schedules(context, ci, pipelines);
        foreach (var (file, text) in schedules)
        {
            if (CheckpointRun().Match(text) is { Success: true } run)
            {
                found.Add(new(context.Locate(file, LineAt(text, run.Index)), "great-expectations"));
            }
        }

        foreach (var file in context.Files)
        {
            if (file.Extension is not (".py" or ".yml" or ".yaml" or ".tf" or ".json") || context.Read(file) is not { } text)
            {
                continue;
            }

            if (file.Extension == ".py" && !CheckStep().IsMatch(file.Name) && Library(text) is { } library && schedules.Any(s => s.File == file || PathMentions.NamesFile(s.Text, file)))
            {
                found.Add(new(context.Locate(file, library.Line), library.Tool));
            }

            if (CloudMonitors.FirstOrDefault(m => text.Contains(m.Seen, StringComparison.Ordinal)) is { Tool: not null } monitor)
            {
                found.Add(new(context.Locate(file, TextLines.LineOf(text, monitor.Seen)), monitor.Tool));
            }

            if (file.Extension is ".yml" or ".yaml" && ModelAlert(context, file, text) is { } alert)
            {
                found.Add(new(context.Locate(file, alert), "prometheus-alerts"));
            }
        }

        return found.DistinctBy(f => (f.Location.Path, f.Location.Line, f.Tool)).ToList();
    }

    /// <summary>What runs on a schedule: scheduled CI workflows, CronJobs and CronWorkflows, and pipeline files with a schedule.</summary>
    private static List<(ProjectFile File, string Text)> Schedules(ProjectContext context, IReadOnlyList<CiWorkflow> ci, IReadOnlyList<PipelineDefinition> pipelines)
    {
        var paths = ci.Where(w => w.Problem is null && w.Triggers.Contains(CiTrigger.Schedule)).Select(w => w.Location.Path)
            .Concat(pipelines.Where(p => p.Location.Path.EndsWith(".py", StringComparison.Ordinal)).Select(p => p.Location.Path)
                .Where(p => context.Find(p) is { } f && context.Read(f) is { } t && PipelineSchedule().IsMatch(t)))
            .Concat(context.Files.Where(f => KubernetesObjects.Of(context, f).Any(o => (o.Group, o.Kind) is ("batch", "CronJob") or ("argoproj.io", "CronWorkflow"))).Select(f => f.RelativePath));
        return paths.Distinct(StringComparer.Ordinal)
            .Select(context.Find).OfType<ProjectFile>()
            .Select(f => (f, context.Read(f) ?? ""))
            .ToList();
    }

    private static (string Tool, int Line)? Library(string python)
    {
        var imports = PythonImports.Of(python);
        foreach (var (tool, module) in Libraries)
        {
            if (imports.Any(i => i == module || i.StartsWith(module + ".", StringComparison.Ordinal)))
            {
                var line = TextLines.LineOf(python, "import " + module) ?? TextLines.LineOf(python, "from " + module) ?? 1;
                return (tool, line);
            }
        }

        return null;
    }

    /// <summary>The line of the first Prometheus alert on a model metric, in a rules file or a PrometheusRule.</summary>
    private static int? ModelAlert(ProjectContext context, ProjectFile file, string text)
    {
        if (!text.Contains("alert", StringComparison.Ordinal) || !text.Contains("expr", StringComparison.Ordinal))
        {
            return null;
        }

        var roots = KubernetesObjects.Of(context, file).Where(o => o is { Group: "monitoring.coreos.com", Kind: "PrometheusRule" }).Select(o => o.Node.Get("spec"))
            .Concat((YamlText.Load(text, out _) ?? []).Where(d => d.Get("apiVersion") is null));
        return roots.SelectMany(r => r.Get("groups").Items()).SelectMany(g => g.Get("rules").Items())
            .Where(r => r.Get("alert").Scalar() is { } name && r.Get("expr").Scalar() is { } expr && ModelMetric().IsMatch(name + " " + expr + " " + string.Join(' ', r.Get("labels").Scalars().Select(s => s.Value))))
            .Select(r => (int?)r.Line())
            .FirstOrDefault();
    }

    private static int LineAt(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    [GeneratedRegex(@"\b(great_expectations|gx)\s+(--v3-api\s+)?checkpoint\s+run\b|great-expectations/great_expectations_action")]
    private static partial Regex CheckpointRun();

    [GeneratedRegex(@"\b(schedule_interval|schedule)\s*=\s*(?!None\b)\S|\bcron\s*=|\b(Cron|Interval)Schedule\(|@schedule\(|\bSchedule\(\s*cron_expression")]
    private static partial Regex PipelineSchedule();

    /// <summary>Training, evaluation and test steps: a library they import checks the model being built, not the deployed one.</summary>
    [GeneratedRegex(@"train|eval|test|fit|benchmark", RegexOptions.IgnoreCase)]
    private static partial Regex CheckStep();

    [GeneratedRegex(@"model|predict|inference|drift|accuracy|precision|recall|\bf1\b|\bauc\b|rmse|\bmae\b|\bpsi\b|data_quality|feature|seldon|kserve|bentoml|mlflow|triton|torchserve", RegexOptions.IgnoreCase)]
    private static partial Regex ModelMetric();
}
