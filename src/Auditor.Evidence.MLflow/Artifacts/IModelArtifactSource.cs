using Auditor.Core.Tracking;

namespace Auditor.Evidence.MLflow.Artifacts;

/// <summary>
/// Where the linker reads the model at a recorded location: this machine's disk (file and SQL stores) or the
/// tracking server's artifact endpoints (REST). The linker decides which locations matter; the source only reads.
/// </summary>
internal interface IModelArtifactSource
{
    /// <summary>The model at <paramref name="uri"/>; what cannot be read is a state and a logged problem, never a throw.</summary>
    Task<ModelArtifact> ReadAsync(string uri);
}
