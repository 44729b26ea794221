using System.Text.RegularExpressions;
using Auditor.Core.Evidence;

namespace Auditor.Evidence.Project.Deployment;

/// <summary>
/// Deployment automation. Accepted positive signals, and nothing weaker:
/// <list type="bullet">
/// <item><b>cd-workflow</b>: a CI job step that deploys (<see cref="Ci.StepClassifier"/>: <c>kubectl apply</c>, <c>helm upgrade</c>,
/// <c>terraform apply</c>, <c>sam deploy</c>, <c>serverless deploy</c>, <c>az ml online-deployment create</c>,
/// <c>gcloud ai endpoints deploy-model</c>, <c>aws sagemaker create-endpoint</c>, <c>mlflow deployments create</c>, a deploy action, …);</item>
/// <item><b>gitops</b>: an Argo CD <c>Application</c>/<c>ApplicationSet</c> or a Flux <c>Kustomization</c>/<c>HelmRelease</c>: a controller applies the repository;</item>
/// <item><b>pipeline-deploy</b>: a Python file that calls a deployment API (SageMaker <c>.deploy(</c>/<c>create_endpoint</c>, Vertex AI <c>.deploy(</c>,
/// Azure ML <c>online_deployments.begin_create_or_update</c>, MLflow <c>create_deployment</c>, ZenML model deployer steps, <c>KServeClient</c>,
/// the Kubernetes client's <c>create_namespaced_deployment</c>) and is itself a pipeline definition (Airflow, Prefect, Kubeflow, ZenML, …)
/// or is run by a CI workflow (named in it);</item>
/// <item>a deployment definition that a CD step applies (the step names its file or folder, or, for a definition at the root, uses its tool):
/// a Kubernetes manifest (<see cref="KubernetesObjects"/>, a workload or service kind: Deployment, StatefulSet, Job, CronJob, Service, Ingress,
/// HorizontalPodAutoscaler, Knative Service, KServe InferenceService, SeldonDeployment, Argo Rollout/Workflow, Istio VirtualService, …), a Helm chart,
/// a Kustomization, Terraform, Bicep, CDK, a Serverless or SAM template, an Azure ML endpoint/deployment definition, a bentofile.</item>
/// </list>
/// Not deployment automation: serving code alone (a FastAPI/Flask app loading <c>models:/…</c>, a Dockerfile running uvicorn), an SDK import,
/// a manifest or chart that nothing applies, and YAML that only looks like Kubernetes (<c>apiVersion: mlaudit/v1</c>, a kind cluster config).
/// </summary>
internal static partial class DeploymentReader
{
    private static readonly Dictionary<string, HashSet<string>> WorkloadKinds = new(StringComparer.Ordinal)
    {
        [""] = ["Pod", "Service", "ReplicationController"],
        ["apps"] = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"],
        ["batch"] = ["Job", "CronJob"],
        ["networking.k8s.io"] = ["Ingress"],
        ["gateway.networking.k8s.io"] = ["HTTPRoute", "GRPCRoute"],
        ["autoscaling"] = ["HorizontalPodAutoscaler"],
        ["serving.knative.dev"] = ["Service"],
        ["serving.kserve.io"] = ["InferenceService", "InferenceGraph", "ServingRuntime", "ClusterServingRuntime", "TrainedModel"],
        ["serving.kubeflow.org"] = ["InferenceService"],
        ["machinelearning.seldon.io"] = ["SeldonDeployment"],
        ["mlops.seldon.io"] = ["Model", "Pipeline", "Server", "Experiment"],
        ["argoproj.io"] = ["Rollout", "Workflow", "CronWorkflow", "WorkflowTemplate"],
        ["networking.istio.io"] = ["VirtualService"],
        ["flagger.app"] = ["Canary"],
        ["ray.io"] = ["RayService"],
        ["apps.openshift.io"] = ["DeploymentConfig"],
        ["route.openshift.io"] = ["Route"],
        ["kustomize.config.k8s.io"] = ["Kustomization"],
    };

    private static readonly HashSet<(string Group, string Kind)> GitOpsKinds =
        [("argoproj.io", "Application"), ("argoproj.io", "ApplicationSet"), ("kustomize.toolkit.fluxcd.io", "Kustomization"), ("helm.toolkit.fluxcd.io", "HelmRelease")];

    public static IReadOnlyList<DeploymentConfig> Read(ProjectContext context, IReadOnlyList<CiWorkflow> ci, IReadOnlyList<PipelineDefinition> pipelines)
    {
        var steps = ci.Where(w => w.Problem is null).SelectMany(w => w.Steps).Where(s => s.Kind == CiStepKind.Deploy).ToList();
        var found = steps.Select(s => new DeploymentConfig(s.Location, "cd-workflow", s.Evidence)).ToList();
        var ciTexts = ci.Where(w => w.Problem is null).Select(w => context.Find(w.Location.Path) is { } f ? context.Read(f) ?? "" : "").ToList();
        var pipelineFiles = pipelines.Where(p => p.Location.Path.EndsWith(".py", StringComparison.Ordinal)).Select(p => p.Location.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var file in context.Files)
        {
            foreach (var (line, kind, detail) in Definitions(context, file))
            {
                if (kind == "gitops")
                {
                    found.Add(new(context.Locate(file, line), kind, detail));
                }
                else if (steps.FirstOrDefault(s => Applies(s.Evidence, file, kind)) is { } step)
                {
                    found.Add(new(context.Locate(file, line), kind, $"{detail}, applied by {step.Location.Path}:{step.Location.Line}".TrimStart(',', ' ')));
                }
            }

            if (file.Extension == ".py" && context.Read(file) is { } python && DeployCall().Match(python) is { Success: true } call
                && (pipelineFiles.Contains(file.RelativePath) || ciTexts.Any(t => PathMentions.NamesFile(t, file))))
            {
                found.Add(new(context.Locate(file, python.AsSpan(0, call.Index).Count('\n') + 1), "pipeline-deploy", call.Value.TrimEnd('(')));
            }
        }

        return found;
    }

    /// <summary>The deployment definitions a file holds: (line, kind, what was seen).</summary>
    private static IEnumerable<(int? Line, string Kind, string Detail)> Definitions(ProjectContext context, ProjectFile file)
    {
        switch (file.Extension)
        {
            case ".tf" when context.Read(file) is { } tf && TerraformBlock().Match(tf) is { Success: true } block:
                yield return (tf.AsSpan(0, block.Index).Count('\n') + 1, "terraform", block.Value.Trim());
                yield break;
            case ".bicep" when context.Read(file) is { } bicep && bicep.Contains("resource ", StringComparison.Ordinal):
                yield return (null, "bicep", "");
                yield break;
            case ".json" when file.Name == "cdk.json":
                yield return (null, "cdk", "");
                yield break;
            case not (".yml" or ".yaml"):
                yield break;
        }

        var text = context.Read(file) ?? "";
        if (file.Name == "Chart.yaml" && ChartName().IsMatch(text))
        {
            yield return (null, "helm", "chart");
        }
        else if (file.Name is "bentofile.yaml" or "bentofile.yml")
        {
            yield return (null, "bentoml", "bentofile");
        }
        else if (file.Name is "serverless.yml" or "serverless.yaml" && ServerlessService().IsMatch(text))
        {
            yield return (null, "serverless", "");
        }
        else if (text.Contains("AWS::Serverless-2016-10-31", StringComparison.Ordinal) || text.Contains("AWS::SageMaker::Endpoint", StringComparison.Ordinal))
        {
            yield return (null, "cloudformation", text.Contains("AWS::SageMaker::Endpoint", StringComparison.Ordinal) ? "AWS::SageMaker::Endpoint" : "SAM");
        }
        else if (AzureMlDeployment().Match(text) is { Success: true } azure)
        {
            yield return (TextLines.LineOf(text, azure.Value), "azureml", azure.Groups[1].Value);
        }

        foreach (var manifest in KubernetesObjects.Of(context, file))
        {
            if (GitOpsKinds.Contains((manifest.Group, manifest.Kind)))
            {
                yield return (manifest.Line, "gitops", $"{manifest.Kind} {manifest.Name}".Trim());
            }
            else if (WorkloadKinds.TryGetValue(manifest.Group, out var kinds) && kinds.Contains(manifest.Kind))
            {
                var kind = manifest.Group switch
                {
                    "serving.kserve.io" or "serving.kubeflow.org" => "kserve",
                    "machinelearning.seldon.io" or "mlops.seldon.io" => "seldon",
                    "kustomize.config.k8s.io" => "kustomize",
                    _ => "kubernetes",
                };
                yield return (manifest.Line, kind, manifest.Kind);
            }
        }
    }

    /// <summary>Whether a deploy command applies the definition: it names the file or one of its folders, or, at the root, it is the definition's tool.</summary>
    private static bool Applies(string command, ProjectFile file, string kind)
    {
        if (file.Folder.Length == 0)
        {
            return kind switch
            {
                "terraform" => TerraformApply().IsMatch(command),
                "serverless" => command.Contains("deploy", StringComparison.Ordinal) && (command.Contains("serverless", StringComparison.Ordinal) || command.Contains("sls", StringComparison.Ordinal)),
                "cloudformation" => command.Contains("sam deploy", StringComparison.Ordinal),
                "cdk" => command.Contains("cdk deploy", StringComparison.Ordinal),
                "bentoml" => command.Contains("bentoml deploy", StringComparison.Ordinal),
                _ => PathMentions.Names(command, file.RelativePath),
            };
        }

        var parts = file.RelativePath.Split('/');
        return Enumerable.Range(1, parts.Length).Any(n => PathMentions.Names(command, string.Join('/', parts[..n])));
    }

    [GeneratedRegex(@"^\s*(resource|module)\s+""[^""]+""", RegexOptions.Multiline)]
    private static partial Regex TerraformBlock();

    [GeneratedRegex(@"\b(terraform|tofu)\s+(-chdir=\S+\s+)?apply\b")]
    private static partial Regex TerraformApply();

    [GeneratedRegex(@"^name:\s*\S+", RegexOptions.Multiline)]
    private static partial Regex ChartName();

    [GeneratedRegex(@"^service:\s*\S+[\s\S]*^provider:", RegexOptions.Multiline)]
    private static partial Regex ServerlessService();

    [GeneratedRegex(@"azuremlschemas\.azureedge\.net/[\w.-]+/(managedOnlineDeployment|kubernetesOnlineDeployment|managedOnlineEndpoint|kubernetesOnlineEndpoint|batchDeployment|batchEndpoint)\.schema\.json")]
    private static partial Regex AzureMlDeployment();

    [GeneratedRegex(@"\b(create_endpoint|update_endpoint|create_endpoint_config)\(|\b(online_deployments|online_endpoints|batch_deployments|batch_endpoints)\.begin_create_or_update\(|\.create_deployment\(|\.update_deployment\(|\b\w*model_deployer_step\b|\bKServeClient\(|\b(create|patch|replace)_namespaced_deployment\(|\w*(predictor|endpoint|model|estimator)\w*\.deploy\(")]
    private static partial Regex DeployCall();
}
