using Auditor.Core.Tracking;

namespace Auditor.Core.Reporting;

/// <summary>The tracking store that was read; <see cref="Uri"/> never holds credentials.</summary>
public sealed record TrackingSummary(string Uri, TrackingStoreKind Kind);
