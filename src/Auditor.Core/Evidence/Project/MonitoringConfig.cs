namespace Auditor.Core.Evidence;

/// <summary>
/// Monitoring of the deployed model. <see cref="Tool"/> is evidently, whylogs, nannyml, great-expectations, deepchecks or
/// alibi-detect (a check that runs on a schedule), prometheus-alerts (alerts on model metrics), sagemaker-model-monitor,
/// vertex-model-monitoring, azureml-model-monitor or databricks-lakehouse-monitor.
/// </summary>
public sealed record MonitoringConfig(SourceLocation Location, string Tool);
