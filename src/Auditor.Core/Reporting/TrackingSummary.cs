using Auditor.Core.Tracking;

namespace Auditor.Core.Reporting;

/// <summary>
/// The tracking store that was read; <see cref="Uri"/> never holds credentials. <see cref="PartlyRead"/> says why only
/// part of it was read (a deadline or a size limit), null when it was read whole.
/// </summary>
public sealed record TrackingSummary(string Uri, TrackingStoreKind Kind, string? PartlyRead = null);
