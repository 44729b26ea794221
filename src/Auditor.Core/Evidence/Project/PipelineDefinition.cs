namespace Auditor.Core.Evidence;

/// <summary>
/// A pipeline or training-automation definition. <see cref="Kind"/> is one of mlproject, dvc, dvc-lock,
/// airflow, prefect, kubeflow, zenml, metaflow, kedro, snakemake, makefile; <see cref="Stages"/>
/// are its entry points, stages or targets.
/// </summary>
public sealed record PipelineDefinition(SourceLocation Location, string Kind, IReadOnlyList<string> Stages);
