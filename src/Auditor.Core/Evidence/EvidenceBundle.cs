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

    /// <summary>Which store <see cref="Tracking"/> is, and how it was chosen.</summary>
    public TrackingChoice TrackingChoice { get; init; } = TrackingChoice.None;

    /// <summary>The distinct commits recorded on runs, resolved against the repository.</summary>
    public Collected<IReadOnlyList<CommitResolution>> Commits { get; init; } =
        Collected<IReadOnlyList<CommitResolution>>.Absent("commits were not resolved");

    /// <summary>What the commits recorded on registered models' runs hold: entry points, environment and data files.</summary>
    public Collected<IReadOnlyList<CommitContents>> CommitContents { get; init; } =
        Collected<IReadOnlyList<CommitContents>>.Absent("commit contents were not read");

    /// <summary>The project's ML engineering files: environments, CI, tests, pipelines, deployment, monitoring.</summary>
    public Collected<ProjectEvidence> Project { get; init; } = Collected<ProjectEvidence>.Absent("project files were not collected");

    /// <summary>
    /// The reproducibility trace of this bundle's model versions (<see cref="Trace.TraceBuilder.Build"/>), built once by the
    /// pipeline and shared by the trace facts and the report; null when not built yet (the facts then build it themselves).
    /// Whoever changes the bundle with <c>with</c> after setting this keeps it in step.
    /// </summary>
    public IReadOnlyList<Trace.ModelTrace>? Traces { get; init; }
}
