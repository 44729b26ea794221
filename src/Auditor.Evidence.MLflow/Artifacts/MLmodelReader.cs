using Auditor.Core.Tracking;

namespace Auditor.Evidence.MLflow.Artifacts;

/// <summary>Reads a model folder: the <c>MLmodel</c> file and the environment files MLflow writes beside it.</summary>
internal static class MLmodelReader
{
    public const string FileName = "MLmodel";

    /// <summary>Reads <paramref name="folder"/>; an MLmodel that cannot be parsed is logged and yields <see cref="ModelArtifactState.Unreadable"/>.</summary>
    public static ModelArtifact Read(string uri, string folder, ProblemLog problems)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return new ModelArtifact { Uri = uri, State = ModelArtifactState.Missing };
        }

        var environment = problems.Try(folder, () => ReadEnvironment(folder)) ?? ModelEnvironment.None;
        var mlmodel = problems.Try(path, () => YamlMap.Load(path));
        if (mlmodel is null)
        {
            return new ModelArtifact { Uri = uri, State = ModelArtifactState.Unreadable, LocalPath = folder, Environment = environment };
        }

        var signature = mlmodel.Map("signature");
        return new ModelArtifact
        {
            Uri = uri,
            State = ModelArtifactState.Found,
            LocalPath = folder,
            RunId = mlmodel.String("run_id"),
            ModelUuid = mlmodel.String("model_uuid"),
            ModelId = mlmodel.String("model_id"),
            MlflowVersion = mlmodel.String("mlflow_version"),
            Flavors = mlmodel.Map("flavors")?.Keys() ?? [],
            SignatureInputs = signature?.String("inputs"),
            SignatureOutputs = signature?.String("outputs"),
            HasInputExample = mlmodel.Has("saved_input_example_info"),
            Environment = environment,
        };
    }

    private static ModelEnvironment ReadEnvironment(string folder)
    {
        var requirements = Path.Combine(folder, "requirements.txt");
        var (total, pinned) = File.Exists(requirements) ? RequirementsFile.Count(requirements) : (0, 0);
        return new ModelEnvironment
        {
            HasCondaYaml = File.Exists(Path.Combine(folder, "conda.yaml")),
            HasPythonEnv = File.Exists(Path.Combine(folder, "python_env.yaml")),
            HasRequirements = File.Exists(requirements),
            Requirements = total,
            PinnedRequirements = pinned,
        };
    }
}
