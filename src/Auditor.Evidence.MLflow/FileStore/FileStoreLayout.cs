namespace Auditor.Evidence.MLflow.FileStore;

/// <summary>Folder and file names of MLflow's file store (mlflow/store/tracking/file_store.py).</summary>
internal static class FileStoreLayout
{
    public const string Trash = ".trash";
    public const string Models = "models";
    public const string Meta = "meta.yaml";
    public const string Params = "params";
    public const string Metrics = "metrics";
    public const string Tags = "tags";
    public const string Datasets = "datasets";
    public const string Inputs = "inputs";
    public const string Outputs = "outputs";
    public const string Aliases = "aliases";
    public const string Traces = "traces";

    /// <summary>Folders inside an experiment folder that are not runs.</summary>
    public static readonly HashSet<string> ReservedExperimentFolders = ["tags", "datasets", "traces", "models"];

    /// <summary>Experiment folders are named by their numeric id; anything else (.ipynb_checkpoints, ...) is skipped.</summary>
    public static bool IsExperimentFolder(string name) => name.Length > 0 && name.All(char.IsAsciiDigit);
}
