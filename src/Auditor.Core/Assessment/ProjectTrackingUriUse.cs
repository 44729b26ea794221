namespace Auditor.Core.Assessment;

/// <summary>
/// Whether a <c>trackingUri</c> named in the project's configuration is used. Whatever the choice, a URI the project
/// names never receives credentials from the environment, and a local store outside the project is never read.
/// </summary>
public enum ProjectTrackingUriUse
{
    /// <summary>Used: a local store inside the project as named, a remote one without the environment's credentials (the default).</summary>
    Anonymous,

    /// <summary>Used only when it is a file or SQLite store inside the project.</summary>
    Local,

    /// <summary>Never used: the store is found as if the configuration named none.</summary>
    Ignore,
}
