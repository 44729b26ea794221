using Auditor.Core.Evidence;
using Auditor.Core.Tracking;

namespace Auditor.Evidence.MLflow.Artifacts;

/// <summary>
/// Reads a model folder: the <c>MLmodel</c> file and the environment files MLflow writes beside it. The folder may be
/// on disk or behind a tracking server; either way the same facts come out of the same files.
/// </summary>
internal static class MLmodelReader
{
    public const string FileName = "MLmodel";

    public const string Requirements = "requirements.txt";

    public const string CondaYaml = "conda.yaml";

    public const string PythonEnv = "python_env.yaml";

    /// <summary>
    /// No model file is read past this size: MLflow writes MLmodel and requirements.txt of a few kilobytes, and a
    /// larger one is not worth holding in memory (or, over REST, downloading) for the facts taken from it.
    /// </summary>
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>
    /// Reads <paramref name="folder"/>; an MLmodel that cannot be read or parsed is logged and yields
    /// <see cref="ModelArtifactState.Unreadable"/>. Only MLmodel and requirements.txt are read; the other environment
    /// files need only exist.
    /// </summary>
    public static async Task<ModelArtifact> ReadAsync(string uri, IModelFolder folder, ProblemLog problems)
    {
        if (!folder.Exists(FileName))
        {
            return new ModelArtifact { Uri = uri, State = ModelArtifactState.Missing, ReadFrom = folder.Source };
        }

        var environment = await problems.TryAsync(folder.PathOf(""), () => ReadEnvironmentAsync(folder)).ConfigureAwait(false) ?? ModelEnvironment.None;
        var mlmodel = await problems.TryAsync(folder.PathOf(FileName), async () => YamlMap.Parse(await folder.ReadTextAsync(FileName, MaxFileBytes).ConfigureAwait(false))).ConfigureAwait(false);
        if (mlmodel is null)
        {
            return new ModelArtifact { Uri = uri, State = ModelArtifactState.Unreadable, ReadFrom = folder.Source, LocalPath = folder.LocalPath, Environment = environment };
        }

        var signature = mlmodel.Map("signature");
        return new ModelArtifact
        {
            Uri = uri,
            State = ModelArtifactState.Found,
            ReadFrom = folder.Source,
            LocalPath = folder.LocalPath,
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

    private static async Task<ModelEnvironment> ReadEnvironmentAsync(IModelFolder folder)
    {
        var hasRequirements = folder.Exists(Requirements);
        var (total, pinned) = hasRequirements ? PipRequirements.Count(await folder.ReadTextAsync(Requirements, MaxFileBytes).ConfigureAwait(false)) : (0, 0);
        return new ModelEnvironment
        {
            HasCondaYaml = folder.Exists(CondaYaml),
            HasPythonEnv = folder.Exists(PythonEnv),
            HasRequirements = hasRequirements,
            Requirements = total,
            PinnedRequirements = pinned,
        };
    }
}
