using Auditor.Core.Tracking;

namespace Auditor.Core.Reporting;

public sealed record ReportSubject
{
    public required string Path { get; init; }

    public RepositorySummary? Repository { get; init; }

    /// <summary>The store tried, how it was chosen and how it read; always present (state <c>none</c> without a store).</summary>
    public TrackingSummary Tracking { get; init; } = new(null, null) { Source = TrackingSource.None, State = TrackingState.None };
}
