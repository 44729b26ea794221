namespace Auditor.Core.Tracking;

/// <summary>
/// A logged model's files as found on disk or read through the tracking server: the <c>MLmodel</c> file and the
/// environment files beside it.
/// Reachable from <see cref="Run.Models"/> (2.x <c>mlflow.log-model.history</c> and 3.x run outputs),
/// <see cref="LoggedModel.Artifact"/> and <see cref="ModelVersion.Artifact"/>; the same location yields one
/// value. The recorded <see cref="Uri"/> is kept as written; <see cref="LocalPath"/> is where it was found
/// (absolute paths of a moved store are resolved against the store root).
/// </summary>
public sealed record ModelArtifact
{
    /// <summary>The model's location as the store records it (run artifact URI + artifact path, logged model artifact location, version source).</summary>
    public required string Uri { get; init; }

    public required ModelArtifactState State { get; init; }

    /// <summary>
    /// Where the files were looked for: <c>local</c> (this machine's disk), <c>server</c> (the tracking server's artifact
    /// endpoints), <c>s3</c>, <c>azure</c> or <c>gcs</c> (object storage read directly); null when nothing was asked.
    /// </summary>
    public string? ReadFrom { get; init; }

    /// <summary>Why the files were not read or checked (no credentials for the storage, a refusal, a deadline), in one line.</summary>
    public string? Reason { get; init; }

    /// <summary>The local folder holding <c>MLmodel</c>, when <see cref="State"/> is Found or Unreadable and it was read from disk.</summary>
    public string? LocalPath { get; init; }

    /// <summary>The producing run as MLmodel records it (<c>run_id</c>).</summary>
    public string? RunId { get; init; }

    /// <summary><c>model_uuid</c> (32 hex in 2.x; equals the model id in 3.x).</summary>
    public string? ModelUuid { get; init; }

    /// <summary>MLflow 3.x logged model id (<c>model_id</c>, <c>m-...</c>).</summary>
    public string? ModelId { get; init; }

    /// <summary>The MLflow version that saved the model (<c>mlflow_version</c>, 1.25+).</summary>
    public string? MlflowVersion { get; init; }

    /// <summary>Flavor names (python_function, sklearn, ...), in file order.</summary>
    public IReadOnlyList<string> Flavors { get; init; } = [];

    public bool HasSignature => SignatureInputs is not null || SignatureOutputs is not null;

    /// <summary>The signature's <c>inputs</c> JSON string, if any.</summary>
    public string? SignatureInputs { get; init; }

    /// <summary>The signature's <c>outputs</c> JSON string, if any.</summary>
    public string? SignatureOutputs { get; init; }

    /// <summary>Whether MLmodel records a saved input example (<c>saved_input_example_info</c>).</summary>
    public bool HasInputExample { get; init; }

    public ModelEnvironment Environment { get; init; } = ModelEnvironment.None;
}
