namespace Auditor.Core.Tracking;

/// <summary>Whether a model's files could be read from the local disk.</summary>
public enum ModelArtifactState
{
    /// <summary>The <c>MLmodel</c> file was found and read.</summary>
    Found,

    /// <summary>The location is local but neither the path as written nor its store-relative form holds an <c>MLmodel</c>.</summary>
    Missing,

    /// <summary>The location has a remote scheme (s3:, mlflow-artifacts:, http:, ...); mlaudit never follows it.</summary>
    Remote,

    /// <summary>The <c>MLmodel</c> file exists but could not be parsed (a <see cref="StoreProblem"/> says why).</summary>
    Unreadable,
}
