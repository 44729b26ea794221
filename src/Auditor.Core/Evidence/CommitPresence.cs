namespace Auditor.Core.Evidence;

/// <summary>
/// Whether a commit recorded on a run is in the repository. In a shallow clone a commit that is
/// absent is <see cref="Unknown"/> (it may lie beyond the shallow boundary), never <see cref="Missing"/>.
/// </summary>
public enum CommitPresence
{
    Present,
    Missing,
    Unknown,
}
