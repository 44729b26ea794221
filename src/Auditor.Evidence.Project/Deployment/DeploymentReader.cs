using System.Text.RegularExpressions;
using Auditor.Core.Evidence;

namespace Auditor.Evidence.Project.Deployment;

/// <summary>
/// Deployment and serving: Kubernetes manifests (and KServe, Seldon, Argo Rollouts, Istio traffic splits),
/// Helm charts, BentoML, SageMaker and Azure ML configurations or SDK use, Terraform, Bicep, CDK, and
/// FastAPI/Flask apps that load a model; canary and shadow traffic settings.
/// </summary>
internal static partial class DeploymentReader
{
    public static IReadOnlyList<DeploymentConfig> Read(ProjectContext context)
    {
        var found = new List<DeploymentConfig>();
        foreach (var file in context.Files)
        {
            switch (file.Extension)
            {
                case ".tf":
                    found.Add(new(context.Locate(file), "terraform"));
                    break;
                case ".bicep":
                    found.Add(new(context.Locate(file), "bicep"));
                    break;
                case ".yaml" or ".yml" when !file.RelativePath.StartsWith(".github/", StringComparison.Ordinal):
                    found.AddRange(Yaml(context, file));
                    break;
                case ".py":
                    found.AddRange(Python(context, file));
                    break;
                default:
                    if (file.Name == "cdk.json")
                    {
                        found.Add(new(context.Locate(file), "cdk"));
                    }

                    break;
            }
        }

        return found;
    }

    private static IEnumerable<DeploymentConfig> Yaml(ProjectContext context, ProjectFile file)
    {
        if (file.Name == "Chart.yaml")
        {
            yield return new(context.Locate(file), "helm");
            yield break;
        }

        if (file.Name is "bentofile.yaml" or "bentofile.yml")
        {
            yield return new(context.Locate(file), "bentoml");
            yield break;
        }

        if (context.Read(file) is not { } text)
        {
            yield break;
        }

        if (TextLines.LineOf(text, "azuremlschemas") is { } azure)
        {
            yield return new(context.Locate(file, azure), "azureml");
        }

        foreach (Match kind in ManifestKind().Matches(text))
        {
            var api = kind.Groups["api"].Value;
            var line = text.AsSpan(0, kind.Index).Count('\n') + 1;
            var type = api.Contains("serving.kserve.io", StringComparison.Ordinal) ? "kserve"
                : api.Contains("machinelearning.seldon.io", StringComparison.Ordinal) || api.Contains("mlops.seldon.io", StringComparison.Ordinal) ? "seldon"
                : "kubernetes";
            yield return new(context.Locate(file, line), type, kind.Groups["kind"].Value);
        }

        if (CanaryKey().Match(text) is { Success: true } canary)
        {
            yield return new(context.Locate(file, text.AsSpan(0, canary.Index).Count('\n') + 1), "canary", canary.Value.Trim().TrimEnd(':'));
        }
    }

    private static IEnumerable<DeploymentConfig> Python(ProjectContext context, ProjectFile file)
    {
        if (context.Read(file) is not { } text)
        {
            yield break;
        }

        var web = TextLines.LineOf(text, "from fastapi") ?? TextLines.LineOf(text, "import fastapi") ?? TextLines.LineOf(text, "from flask") ?? TextLines.LineOf(text, "import flask");
        var load = ModelLoad().Match(text);
        if (web is not null && load.Success)
        {
            yield return new(context.Locate(file, text.AsSpan(0, load.Index).Count('\n') + 1), "serving-app", load.Value);
        }

        if ((TextLines.LineOf(text, "import bentoml") ?? TextLines.LineOf(text, "from bentoml")) is { } bento)
        {
            yield return new(context.Locate(file, bento), "bentoml");
        }

        if ((TextLines.LineOf(text, "import sagemaker") ?? TextLines.LineOf(text, "from sagemaker")) is { } sagemaker)
        {
            yield return new(context.Locate(file, sagemaker), "sagemaker");
        }

        if (TextLines.LineOf(text, "from azure.ai.ml") is { } azure)
        {
            yield return new(context.Locate(file, azure), "azureml");
        }
    }

    [GeneratedRegex(@"^apiVersion:\s*(?<api>\S+)\s*\r?\n(?:(?!---)[^\n]*\n)*?kind:\s*(?<kind>\w+)", RegexOptions.Multiline)]
    private static partial Regex ManifestKind();

    [GeneratedRegex(@"\b(canary|canaryTrafficPercent|trafficPercent|traffic_split|shadow|mirror|mirrorPercentage)\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex CanaryKey();

    [GeneratedRegex(@"(joblib|pickle|cloudpickle|torch|onnxruntime)\.(load|InferenceSession)\s*\(|mlflow\.[\w.]*load_model\s*\(|\bload_model\s*\(")]
    private static partial Regex ModelLoad();
}
