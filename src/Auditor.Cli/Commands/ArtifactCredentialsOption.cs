using System.CommandLine;

namespace Auditor.Cli.Commands;

/// <summary>
/// <c>--artifact-credentials</c> of <c>audit</c> and <c>trace</c>: the operator lets object storage (S3, Azure Blob,
/// Google Cloud Storage) be read with the cloud SDK's own credential chain, also for a store the project names (whose
/// reader otherwise sees no credentials) and where the environment holds no keys (instance roles, web identity).
/// </summary>
internal static class ArtifactCredentialsOption
{
    public static Option<bool> Create() => new("--artifact-credentials")
    {
        Description = "Read model files in object storage (s3://, wasbs://, abfss://, gs://) with the cloud SDK's default credentials, even for a store the project names. Without it, only credentials in the environment are used, and only for a store named with --tracking-uri or MLFLOW_TRACKING_URI.",
    };
}
