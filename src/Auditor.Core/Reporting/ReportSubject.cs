namespace Auditor.Core.Reporting;

public sealed record ReportSubject
{
    public required string Path { get; init; }

    public RepositorySummary? Repository { get; init; }

    public TrackingSummary? Tracking { get; init; }
}
