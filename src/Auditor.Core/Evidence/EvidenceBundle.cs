using Auditor.Core.Tracking;

namespace Auditor.Core.Evidence;

/// <summary>Everything the collectors gathered about one project: the only input of the rules.</summary>
public sealed record EvidenceBundle
{
    /// <summary>The audited folder, absolute.</summary>
    public required string ProjectPath { get; init; }

    /// <summary>When the evidence was collected: the "now" that ages of runs are measured against.</summary>
    public required DateTimeOffset CollectedAt { get; init; }

    public required Collected<RepositoryEvidence> Repository { get; init; }

    public required Collected<TrackingStore> Tracking { get; init; }
}
