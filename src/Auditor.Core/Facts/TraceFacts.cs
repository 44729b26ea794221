using Auditor.Core.Evidence;
using Auditor.Core.Rules;
using Auditor.Core.Trace;
using Auditor.Core.Tracking;

namespace Auditor.Core.Facts;

/// <summary>Facts from the reproducibility trace of registered model versions.</summary>
public sealed class TraceFacts : TrackingFactProvider
{
    /// <summary>Versions registered within this many days count as recent.</summary>
    public const int RecentDays = 180;

    private static readonly FactDescriptor Serving = new("trace.servingReproducibleShare", "share",
        "Share (0-1) of serving model versions (stage Production or a serving alias) whose trace is reproducible.");
    private static readonly FactDescriptor RecentBroken = new("trace.recentBroken", "number",
        $"Model versions registered in the last {RecentDays} days whose trace is broken.");
    private static readonly FactDescriptor Reproducible = new("trace.reproducibleShare", "share",
        "Share (0-1) of all live model versions whose trace is reproducible.");

    public override IReadOnlyList<FactDescriptor> Descriptors { get; } = [Serving, RecentBroken, Reproducible];

    protected override IEnumerable<Fact> Derive(TrackingStore store, EvidenceBundle evidence)
    {
        var traces = TraceBuilder.Build(evidence with { Tracking = Collected<TrackingStore>.Present(store) });
        const string none = "there are no model versions to trace";
        yield return FactBuilder.Share(Serving, traces.Where(t => t.Serving).ToList(), t => t.Verdict == Verdict.Reproducible, Ref, "no model version is designated for serving");
        var recent = traces.Where(t => t.CreatedAt is { } created && evidence.CollectedAt - created <= TimeSpan.FromDays(RecentDays)).ToList();
        yield return FactBuilder.Count(RecentBroken, recent.Where(t => t.Verdict == Verdict.Broken).ToList(), Ref);
        yield return FactBuilder.Share(Reproducible, traces, t => t.Verdict == Verdict.Reproducible, Ref, none);
    }

    private static EvidenceRef Ref(ModelTrace t) =>
        new("model-version", $"{t.Model}/{t.Version}", $"{t.Verdict.ToString().ToLowerInvariant()}: {(t.Gaps.Count == 0 ? "every link present" : string.Join("; ", t.Gaps))}");
}
