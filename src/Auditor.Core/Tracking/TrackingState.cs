namespace Auditor.Core.Tracking;

/// <summary>Whether the chosen store was read in full, read with problems, could not be read, or there was none.</summary>
public enum TrackingState
{
    Read,
    Partial,
    Unreadable,
    None,
}
