namespace Auditor.Evidence.MLflow.Rest;

/// <summary>
/// One tree of artifacts a tracking server lists and sends, with the request of each (mlflow/server/handlers.py):
/// a run's (<c>ListArtifacts</c>, <c>get_artifact_handler</c>), a 3.x logged model's
/// (<c>_list_logged_model_artifacts</c>, <c>get_logged_model_artifact_handler</c>), or the proxied artifact store's
/// (<c>_list_artifacts_mlflow_artifacts</c>, <c>_download_artifact</c>). The server resolves each tree to its
/// storage itself, so a run stored in S3 or behind <c>mlflow-artifacts:</c> is read the same way.
/// </summary>
internal sealed record RestArtifactTree(string ListPath, string ListParameter, (string Key, string Value)[] ListQuery, string FilePath, string? FileParameter, (string Key, string Value)[] FileQuery)
{
    /// <summary>
    /// A run's artifacts, on every server version: <c>/api/2.0/mlflow/artifacts/list?run_id=&amp;path=</c> and
    /// <c>/get-artifact?run_uuid=&amp;path=</c> (the UI's route; <c>run_uuid</c> is the one name every version reads).
    /// </summary>
    public static RestArtifactTree OfRun(string runId) =>
        new("api/2.0/mlflow/artifacts/list", "path", [("run_id", runId)], "get-artifact", "path", [("run_uuid", runId)]);

    /// <summary>
    /// A 3.x logged model's artifacts: <c>/api/2.0/mlflow/logged-models/{id}/artifacts/directories</c> and
    /// <c>/ajax-api/2.0/mlflow/logged-models/{id}/artifacts/files</c> (the UI's route; there is no /api/ one).
    /// </summary>
    public static RestArtifactTree OfLoggedModel(string modelId)
    {
        var id = Uri.EscapeDataString(modelId);
        return new($"api/2.0/mlflow/logged-models/{id}/artifacts/directories", "artifact_directory_path", [], $"ajax-api/2.0/mlflow/logged-models/{id}/artifacts/files", "artifact_file_path", []);
    }

    /// <summary>The server's proxied artifacts (<c>--serve-artifacts</c>, on by default since 2.0): <c>/api/2.0/mlflow-artifacts/artifacts</c>.</summary>
    public static RestArtifactTree Proxied { get; } = new("api/2.0/mlflow-artifacts/artifacts", "path", [], "api/2.0/mlflow-artifacts/artifacts", null, []);

    /// <summary>The request that lists a folder of the tree ("" for its root).</summary>
    public (string Path, (string Key, string Value)[] Query) List(string folder) =>
        (ListPath, folder.Length == 0 ? ListQuery : [.. ListQuery, (ListParameter, folder)]);

    /// <summary>The request that sends one file of the tree.</summary>
    public (string Path, (string Key, string Value)[] Query) File(string file) =>
        FileParameter is null
            ? (FilePath + "/" + string.Join('/', file.Split('/').Select(Uri.EscapeDataString)), FileQuery)
            : (FilePath, [.. FileQuery, (FileParameter, file)]);
}
