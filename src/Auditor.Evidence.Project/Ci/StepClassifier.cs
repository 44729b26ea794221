using System.Text.RegularExpressions;
using Auditor.Core.Evidence;

namespace Auditor.Evidence.Project.Ci;

/// <summary>
/// Says what a CI command line or a used action does: run tests, train, evaluate, build an image, deploy,
/// or register/promote a model. One line may do several things.
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
        (CiStepKind.BuildImage, ["docker/build-push-action", "redhat-actions/buildah-build", "aws-actions/amazon-ecr-login"]),
        (CiStepKind.Deploy, ["azure/k8s-deploy", "azure/webapps-deploy", "azure/aks-set-context", "aws-actions/amazon-ecs-deploy-task-definition", "google-github-actions/deploy-cloudrun", "deliverybot/helm", "azure/ml", "google-github-actions/get-gke-credentials"]),
        (CiStepKind.Test, ["paambaati/codeclimate-action", "pavelzw/pytest-action"]),
        (CiStepKind.Train, ["iterative/setup-cml", "iterative/setup-dvc"]),
    ];

    public static IEnumerable<CiStepKind> ClassifyCommand(string command) =>
        Commands.Where(c => c.Pattern.IsMatch(command)).Select(c => c.Kind);

    public static IEnumerable<CiStepKind> ClassifyAction(string uses)
    {
        var name = uses.Split('@', 2)[0].ToLowerInvariant();
        return Actions.Where(a => a.Prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal))).Select(a => a.Kind);
    }

    [GeneratedRegex(@"(^|[\s;&|/])(pytest|py\.test|tox|nox)(\s|$)|python[\d.]*\s+-m\s+(pytest|unittest)|\bmake\s+(test|check)\b|\bcoverage\s+run\b", RegexOptions.IgnoreCase)]
    private static partial Regex TestCommand();

    [GeneratedRegex(@"python[\d.]*\s+(-m\s+)?[\w./-]*train\w*(\.py)?\b|\bmlflow\s+run\b|\bdvc\s+(repro|exp\s+run)\b|\bmake\s+train\b|\bkedro\s+run\b|\bzenml\s+pipeline\s+run\b", RegexOptions.IgnoreCase)]
    private static partial Regex TrainCommand();

    [GeneratedRegex(@"python[\d.]*\s+(-m\s+)?[\w./-]*eval\w*(\.py)?\b|\bmlflow\.evaluate\b|\bdvc\s+metrics\s+(show|diff)\b|\bmake\s+eval\w*\b|\bcml\s+comment\b", RegexOptions.IgnoreCase)]
    private static partial Regex EvaluateCommand();

    [GeneratedRegex(@"\b(docker|podman)\s+(buildx\s+)?build\b|\bbuildah\s+bud\b|\bkaniko\b|/kaniko/executor|\baz\s+acr\s+build\b|\bgcloud\s+builds\s+submit\b|\bmlflow\s+models\s+build-docker\b", RegexOptions.IgnoreCase)]
    private static partial Regex BuildCommand();

    [GeneratedRegex(@"\bkubectl\s+(apply|rollout|set\s+image|create)\b|\bhelm\s+(upgrade|install)\b|\baz\s+ml\b|\bsagemaker\b|\bgcloud\s+(run|app|ai)\s+\S*\s*deploy|\bgcloud\s+run\s+deploy\b|\bserverless\s+deploy\b|\bterraform\s+apply\b|\bkustomize\s+build\b.*kubectl|\bbentoml\s+deploy\b|\bmlflow\s+deployments\s+create\b", RegexOptions.IgnoreCase)]
    private static partial Regex DeployCommand();

    [GeneratedRegex(@"\bmlflow\s+models\b|register_model|transition_model_version_stage|set_registered_model_alias|[\w./-]*(promote|register)\w*\.py\b|python[\d.]*\s+-m\s+[\w.]*(promote|register)", RegexOptions.IgnoreCase)]
    private static partial Regex RegisterCommand();
}
