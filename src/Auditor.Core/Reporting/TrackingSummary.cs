using Auditor.Core.Tracking;

namespace Auditor.Core.Reporting;

/// <summary>
/// The tracking store the audit tried: <see cref="Uri"/> never holds credentials, and is null (with <see cref="Kind"/>)
/// when there was none. <see cref="Reason"/> says why it was unreadable or absent.
/// </summary>
public sealed record TrackingSummary(string? Uri, TrackingStoreKind? Kind)
{
    public TrackingSource Source { get; init; } = TrackingSource.Default;

    public TrackingState State { get; init; } = TrackingState.Read;

    public string? Reason { get; init; }

    /// <summary>Why only part of the store was read (the deadline, a size or item limit), null when it was read whole.</summary>
    public string? PartlyRead { get; init; }

    /// <summary>Other stores found in the project (with a discovered store), most runs first.</summary>
    public IReadOnlyList<StoreCandidate> OtherStores { get; init; } = [];
}
