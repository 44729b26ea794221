namespace Auditor.Core.Tracking;

/// <summary>Whether a model's files could be read, from the local disk or through the tracking server.</summary>
public enum ModelArtifactState
{
    /// <summary>The <c>MLmodel</c> file was found and read.</summary>
    Found,

    /// <summary>The location is local but neither the path as written nor its store-relative form holds an <c>MLmodel</c>.</summary>
    Missing,

    /// <summary>
    /// The files were not checked: a remote scheme (s3:, mlflow-artifacts:, http:, ...) that no artifact root maps,
    /// which mlaudit never follows; or, over REST, a location outside every run and logged model the server lists.
    /// </summary>
    Remote,

    /// <summary>
    /// The <c>MLmodel</c> file exists but could not be read or parsed, is over the size bound, or the server kept
    /// failing to list or send it (a <see cref="StoreProblem"/> says why).
    /// </summary>
    Unreadable,

    /// <summary>
    /// The location was not followed: it leaves the project, the store and the artifact roots (with <c>..</c>, an
    /// absolute path elsewhere, a symbolic link out), or cannot name a path (NUL, too long). A <see cref="StoreProblem"/>
    /// says why; nothing at it was read, so it never counts as present.
    /// </summary>
    Refused,
}
