namespace Auditor.Core.Evidence;

/// <summary>
/// A deployment or serving artefact. <see cref="Kind"/> is one of kubernetes, helm, kserve, seldon, bentoml,
/// sagemaker, azureml, terraform, bicep, cdk, serving-app, canary; <see cref="Detail"/> says what was seen.
/// </summary>
public sealed record DeploymentConfig(SourceLocation Location, string Kind, string? Detail = null);
