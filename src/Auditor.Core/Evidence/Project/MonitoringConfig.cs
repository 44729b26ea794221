namespace Auditor.Core.Evidence;

/// <summary>
/// Monitoring or data validation in use. <see cref="Tool"/> is one of evidently, whylogs, nannyml,
/// great-expectations, deepchecks, alibi-detect, prometheus-rules, prometheus-client, grafana.
/// </summary>
public sealed record MonitoringConfig(SourceLocation Location, string Tool);
