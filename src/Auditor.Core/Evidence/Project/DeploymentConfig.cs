namespace Auditor.Core.Evidence;

/// <summary>
/// Evidence that deployment is automated. <see cref="Kind"/> is cd-workflow (a CI step that deploys), gitops (an Argo CD or Flux
/// object), pipeline-deploy (a pipeline or CI-run script calling a deployment API), or a definition that a CD step applies:
/// kubernetes, kserve, seldon, kustomize, helm, terraform, bicep, cdk, serverless, cloudformation, azureml, bentoml.
/// <see cref="Detail"/> says what was seen.
/// </summary>
public sealed record DeploymentConfig(SourceLocation Location, string Kind, string? Detail = null);
