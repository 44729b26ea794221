using Auditor.Core.Tracking;

namespace Auditor.Evidence.MLflow.Artifacts;

/// <summary>
/// Where a recorded location leads on this machine: a folder (state <see cref="ModelArtifactState.Found"/>, whether or
/// not it holds a model), nowhere (<see cref="ModelArtifactState.Missing"/>), remote storage, or a refusal with its reason.
/// </summary>
internal sealed record ArtifactPlace(ModelArtifactState State, string? Folder = null, string? Reason = null)
{
    public static readonly ArtifactPlace Missing = new(ModelArtifactState.Missing);

    public static readonly ArtifactPlace Remote = new(ModelArtifactState.Remote);

    public static ArtifactPlace At(string folder) => new(ModelArtifactState.Found, folder);

    public static ArtifactPlace Refused(string reason) => new(ModelArtifactState.Refused, Reason: reason);
}
