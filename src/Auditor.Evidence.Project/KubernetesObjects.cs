using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Auditor.Evidence.Project;

/// <summary>A Kubernetes object in a YAML file: its API group (empty for core), kind, name and line.</summary>
internal sealed record KubernetesObject(string Group, string Kind, string? Name, int Line, YamlNode Node);

/// <summary>
/// Kubernetes objects, recognised strictly: a YAML document is one when its <c>apiVersion</c> is <c>v1</c> (core) or
/// <c>group/version</c> with a version such as <c>v1</c>, <c>v2beta1</c>, its group is a known Kubernetes API group
/// (<see cref="KnownGroups"/>: built-in groups and the serving, rollout, workflow, GitOps and monitoring operators),
/// it has a <c>kind</c>, and it has <c>metadata</c>. So <c>apiVersion: mlaudit/v1</c>, a kind cluster config
/// (<c>kind.x-k8s.io</c>), a Backstage entity or a Compose file are not Kubernetes objects.
/// </summary>
internal static partial class KubernetesObjects
{
    public static readonly IReadOnlySet<string> KnownGroups = new HashSet<string>(StringComparer.Ordinal)
    {
        "", "apps", "batch", "autoscaling", "policy", "networking.k8s.io", "gateway.networking.k8s.io",
        "serving.knative.dev", "serving.kserve.io", "serving.kubeflow.org", "machinelearning.seldon.io", "mlops.seldon.io",
        "argoproj.io", "networking.istio.io", "flagger.app", "ray.io", "apps.openshift.io", "route.openshift.io",
        "kustomize.toolkit.fluxcd.io", "helm.toolkit.fluxcd.io", "kustomize.config.k8s.io", "monitoring.coreos.com", "tekton.dev",
    };

    /// <summary>The Kubernetes objects of a YAML file (parsed once per collection); none when the file is not YAML or holds none.</summary>
    public static IReadOnlyList<KubernetesObject> Of(ProjectContext context, ProjectFile file) => context.Objects(file, Parse);

    private static IReadOnlyList<KubernetesObject> Parse(ProjectContext context, ProjectFile file)
    {
        if (file.Extension is not (".yml" or ".yaml") || context.Read(file) is not { } text || !text.Contains("apiVersion", StringComparison.Ordinal))
        {
            return [];
        }

        var documents = YamlText.Load(text, out _) ?? [];
        var objects = new List<KubernetesObject>();
        foreach (var document in documents)
        {
            var api = ApiVersion().Match(document.Get("apiVersion").Scalar() ?? "");
            if (api.Success && KnownGroups.Contains(api.Groups["group"].Value) && document.Get("kind").Scalar() is { Length: > 0 } kind
                && (document.Get("metadata") is YamlMappingNode || api.Groups["group"].Value == "kustomize.config.k8s.io"))
            {
                objects.Add(new KubernetesObject(api.Groups["group"].Value, kind, document.Get("metadata").Get("name").Scalar(), document.Line(), document));
            }
        }

        return objects;
    }

    [GeneratedRegex(@"^(?:(?<group>[a-z0-9]([a-z0-9.-]*[a-z0-9])?)/)?v\d+((alpha|beta)\d+)?$")]
    private static partial Regex ApiVersion();
}
