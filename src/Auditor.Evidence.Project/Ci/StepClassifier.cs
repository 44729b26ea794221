using System.Text.RegularExpressions;
using Auditor.Core.Evidence;

namespace Auditor.Evidence.Project.Ci;

/// <summary>
/// Says what a CI command line or a used action does. One line may do several things. Accepted signals:
/// <list type="bullet">
/// <item><b>test</b>: <c>pytest</c>, <c>py.test</c>, <c>tox</c>, <c>nox</c>, <c>python -m pytest|unittest</c>, <c>make test|check</c>, <c>coverage run</c>;</item>
/// <item><b>train</b>: <c>python [-m] …train….py</c> (not a test file), <c>mlflow run</c>, <c>dvc repro</c>, <c>dvc exp run</c>, <c>make train</c>, <c>kedro run</c>, <c>zenml pipeline run</c>;</item>
/// <item><b>evaluate</b>: <c>python …eval….py</c>, <c>mlflow.evaluate</c>, <c>dvc metrics show|diff</c>, <c>make eval…</c>, <c>cml comment</c>;</item>
/// <item><b>build image</b>: <c>docker|podman build</c>, <c>buildah bud</c>, kaniko, <c>az acr build</c>, <c>gcloud builds submit</c>, <c>mlflow models build-docker</c>, build-push actions;</item>
/// <item><b>deploy</b>: <c>kubectl apply|create -f|set image|rollout restart</c>, <c>helm upgrade|install</c>, <c>skaffold run|deploy</c>, <c>argocd app sync</c>,
/// <c>terraform|tofu apply</c>, <c>pulumi up</c>, <c>cdk deploy</c>, <c>sam deploy</c>, <c>serverless|sls deploy</c>, <c>az ml online-deployment|online-endpoint|batch-deployment|batch-endpoint create|update</c>,
/// <c>az ml model deploy</c>, <c>az deployment group create</c>, <c>az webapp|containerapp …</c> deploys, <c>gcloud ai endpoints deploy-model</c>, <c>gcloud run|app deploy</c>,
/// <c>aws sagemaker create-endpoint|update-endpoint</c>, <c>aws ecs update-service</c>, <c>mlflow deployments create|update</c>, <c>mlflow sagemaker deploy</c>,
/// <c>bentoml deploy</c>, <c>flyctl deploy</c>, <c>modal deploy</c>, a script named <c>deploy*.py|.sh</c>, and deploy actions (azure/k8s-deploy, azure/webapps-deploy,
/// amazon-ecs-deploy-task-definition, deploy-cloudrun, deliverybot/helm, azure/aml-deploy);</item>
/// <item><b>register</b>: <c>mlflow models</c>, <c>register_model</c>, stage transitions and aliases, a <c>promote*|register*</c> script.</item>
/// </list>
/// Never a signal: comment lines, <c>echo</c>/<c>printf</c> lines, package installs (<c>pip install pytest</c>), <c>--version</c>/<c>--help</c>,
/// dry runs (<c>--dry-run</c>, <c>terraform plan</c>), and a test run whose failure is ignored (<c>|| true</c>).
/// Logging into a cluster (aks-set-context, get-gke-credentials) is not a deployment.
/// </summary>
internal static partial class StepClassifier
{
    private static readonly (CiStepKind Kind, Regex Pattern)[] Commands =
    [
        (CiStepKind.Test, TestCommand()),
        (CiStepKind.Train, TrainCommand()),
        (CiStepKind.Evaluate, EvaluateCommand()),
        (CiStepKind.BuildImage, BuildCommand()),
        (CiStepKind.Deploy, DeployCommand()),
        (CiStepKind.RegisterModel, RegisterCommand()),
    ];

    private static readonly (CiStepKind Kind, string[] Prefixes)[] Actions =
    [
        (CiStepKind.BuildImage, ["docker/build-push-action", "redhat-actions/buildah-build"]),
        (CiStepKind.Deploy, ["azure/k8s-deploy", "azure/webapps-deploy", "azure/container-apps-deploy-action", "aws-actions/amazon-ecs-deploy-task-definition", "google-github-actions/deploy-cloudrun", "deliverybot/helm", "azure/aml-deploy"]),
        (CiStepKind.Test, ["paambaati/codeclimate-action", "pavelzw/pytest-action"]),
        (CiStepKind.Train, ["iterative/setup-cml", "iterative/setup-dvc"]),
    ];

    /// <summary>The kinds of a command line; each part of a chain (<c>a &amp;&amp; b</c>, <c>a; b</c>) is judged on its own.</summary>
    public static IEnumerable<CiStepKind> ClassifyCommand(string command) =>
        command.Split(["&&", ";"], StringSplitOptions.TrimEntries).Where(part => !NotACommand().IsMatch(part))
            .SelectMany(part => Commands.Where(c => c.Pattern.IsMatch(part)).Where(c => !(c.Kind == CiStepKind.Test && IgnoredFailure().IsMatch(part))).Select(c => c.Kind))
            .Distinct();

    public static IEnumerable<CiStepKind> ClassifyAction(string uses)
    {
        var name = uses.Split('@', 2)[0].ToLowerInvariant();
        return Actions.Where(a => a.Prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal))).Select(a => a.Kind);
    }

    /// <summary>Lines that run nothing the classifier may count: comments, echo, installs, version/help queries, dry runs.</summary>
    [GeneratedRegex(@"^\s*(#|//|rem\s|echo\b|printf\b|Write-(Host|Output)\b)|\b(pip|pip3|uv\s+pip|pipx|poetry|pdm|conda|mamba|micromamba|apt|apt-get|brew|npm|yarn)\s+(install|add)\b|\buv\s+(add|tool\s+install)\b|\s--(version|help)\b|\s-V\s*$|--dry-run\b|\bterraform\s+plan\b", RegexOptions.IgnoreCase)]
    private static partial Regex NotACommand();

    [GeneratedRegex(@"\|\|\s*(true|:|exit\s+0)\b")]
    private static partial Regex IgnoredFailure();

    [GeneratedRegex(@"(^|[\s;&|/])(pytest|py\.test|tox|nox)(\s|$)|python[\d.]*\s+-m\s+(pytest|unittest)|\bmake\s+(test|check)\b|\bcoverage\s+run\b", RegexOptions.IgnoreCase)]
    private static partial Regex TestCommand();

    [GeneratedRegex(@"python[\d.]*\s+(-m\s+)?(?![\w./-]*\btest_)[\w./-]*train\w*(\.py)?\b|\bmlflow\s+run\b|\bdvc\s+(repro|exp\s+run)\b|\bmake\s+train\b|\bkedro\s+run\b|\bzenml\s+pipeline\s+run\b", RegexOptions.IgnoreCase)]
    private static partial Regex TrainCommand();

    [GeneratedRegex(@"python[\d.]*\s+(-m\s+)?[\w./-]*eval\w*(\.py)?\b|\bmlflow\.evaluate\b|\bdvc\s+metrics\s+(show|diff)\b|\bmake\s+eval\w*\b|\bcml\s+comment\b", RegexOptions.IgnoreCase)]
    private static partial Regex EvaluateCommand();

    [GeneratedRegex(@"\b(docker|podman)\s+(buildx\s+)?build\b|\bbuildah\s+bud\b|\bkaniko\b|/kaniko/executor|\baz\s+acr\s+build\b|\bgcloud\s+builds\s+submit\b|\bmlflow\s+models\s+build-docker\b", RegexOptions.IgnoreCase)]
    private static partial Regex BuildCommand();

    [GeneratedRegex(
        @"\bkubectl\s+(apply|set\s+image|rollout\s+restart|create\s+(-f|--filename|-k))\b|\bkubectl\s+argo\s+rollouts\s+(set|promote)\b|\bhelm\s+(upgrade|install)\b|\bskaffold\s+(run|deploy)\b|\bargocd\s+app\s+sync\b"
        + @"|\b(terraform|tofu)\s+(-chdir=\S+\s+)?apply\b|\bpulumi\s+up\b|\bcdk\s+deploy\b|\bsam\s+deploy\b|\b(serverless|sls)\s+deploy\b"
        + @"|\baz\s+ml\s+(online-deployment|online-endpoint|batch-deployment|batch-endpoint)\s+(create|update)\b|\baz\s+ml\s+model\s+deploy\b|\baz\s+deployment\s+(group|sub)\s+create\b|\baz\s+(webapp|functionapp)\s+(deploy|up|config\s+container\s+set)\b|\baz\s+containerapp\s+(up|update|create)\b"
        + @"|\bgcloud\s+ai\s+endpoints\s+deploy-model\b|\bgcloud\s+(beta\s+)?(run|app)\s+deploy\b|\baws\s+sagemaker\s+(create|update)-endpoint\b|\baws\s+ecs\s+update-service\b"
        + @"|\bmlflow\s+deployments\s+(create|update)\b|\bmlflow\s+sagemaker\s+deploy\b|\bbentoml\s+deploy\b|\bflyctl\s+deploy\b|\bmodal\s+deploy\b"
        + @"|(^|[\s;&|/])(python[\d.]*\s+(-m\s+)?|bash\s+|sh\s+|\./)?[\w./-]*\bdeploy\w*\.(py|sh)\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex DeployCommand();

    [GeneratedRegex(@"\bmlflow\s+models\b|register_model|transition_model_version_stage|set_registered_model_alias|[\w./-]*(promote|register)\w*\.py\b|python[\d.]*\s+-m\s+[\w.]*(promote|register)", RegexOptions.IgnoreCase)]
    private static partial Regex RegisterCommand();
}
