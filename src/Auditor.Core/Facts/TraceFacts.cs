using Auditor.Core.Evidence;
using Auditor.Core.Rules;
using Auditor.Core.Trace;
using Auditor.Core.Tracking;

namespace Auditor.Core.Facts;

/// <summary>
/// Facts from the reproducibility trace of registered model versions. A link this checkout could not check (a commit
/// beyond a shallow clone, model files in remote storage or over a limit) bounds the fact instead of deciding it: the
/// rule is then unknown, with the reason and the fix, rather than failed or passed.
/// </summary>
public sealed class TraceFacts : TrackingFactProvider
{
    /// <summary>Versions registered within this many days count as recent.</summary>
    public const int RecentDays = 180;

    private static readonly FactDescriptor Serving = new("trace.servingReproducibleShare", "share",
        "Share (0-1) of serving model versions (stage Production or a serving alias) whose trace is reproducible; bounded when a link could not be checked here.");
    private static readonly FactDescriptor RecentBroken = new("trace.recentBroken", "number",
        $"Model versions registered in the last {RecentDays} days whose trace is broken; bounded when a link that could be missing could not be checked here.");
    private static readonly FactDescriptor Reproducible = new("trace.reproducibleShare", "share",
        "Share (0-1) of all live model versions whose trace is reproducible; bounded when a link could not be checked here.");

    public override IReadOnlyList<FactDescriptor> Descriptors { get; } = [Serving, RecentBroken, Reproducible];

    protected override IEnumerable<Fact> Derive(TrackingStore store, EvidenceBundle evidence)
    {
        var traces = evidence.Traces ?? TraceBuilder.Build(evidence with { Tracking = Collected<TrackingStore>.Present(store) });
        const string none = "there are no model versions to trace";
        yield return ReproducibleShare(Serving, traces.Where(t => t.Serving).ToList(), "no model version is designated for serving");
        var recent = traces.Where(t => t.CreatedAt is { } created && evidence.CollectedAt - created <= TimeSpan.FromDays(RecentDays)).ToList();
        var broken = recent.Where(t => t.Verdict == Verdict.Broken).ToList();
        var mayBeBroken = recent.Where(t => t.Verdict != Verdict.Broken && MayBeBroken(t)).ToList();
        yield return mayBeBroken.Count == 0
            ? FactBuilder.Count(RecentBroken, broken, Ref)
            : Fact.Bounded(RecentBroken.Name, broken.Count, broken.Count + mayBeBroken.Count, Unchecked(mayBeBroken, "recent"), broken.Concat(mayBeBroken).Select(Ref).ToList());
        yield return ReproducibleShare(Reproducible, traces, none);
    }

    /// <summary>The share of reproducible traces: between those known reproducible and those that may be once every unchecked link is checked.</summary>
    private static Fact ReproducibleShare(FactDescriptor descriptor, IReadOnlyList<ModelTrace> traces, string nothingToMeasure)
    {
        var mayBe = traces.Where(t => t.Verdict == Verdict.Partial && t.Unchecked.Count == t.Gaps.Count).ToList();
        if (traces.Count == 0 || mayBe.Count == 0)
        {
            return FactBuilder.Share(descriptor, traces, t => t.Verdict == Verdict.Reproducible, Ref, nothingToMeasure);
        }

        var known = traces.Count(t => t.Verdict == Verdict.Reproducible);
        return Fact.Bounded(descriptor.Name, FactBuilder.Share(known, traces.Count), FactBuilder.Share(known + mayBe.Count, traces.Count),
            Unchecked(mayBe, "traced"), traces.Where(t => t.Verdict != Verdict.Reproducible).Select(Ref).ToList());
    }

    /// <summary>A link that could turn out missing was not checked: a commit that may be beyond a shallow clone, model files not looked at.</summary>
    private static bool MayBeBroken(ModelTrace t) => t.CommitState == CommitState.Unknown || t.Artifact == ArtifactLinkState.Unknown;

    private static string Unchecked(IReadOnlyList<ModelTrace> traces, string which) =>
        $"{traces.Count} {which} model version(s) could not be fully checked on this checkout: {traces[0].Model}/{traces[0].Version}: {traces[0].Unchecked[0]}";

    private static EvidenceRef Ref(ModelTrace t) =>
        new("model-version", $"{t.Model}/{t.Version}", $"{t.Verdict.ToString().ToLowerInvariant()}: {(t.Gaps.Count == 0 ? "every link present" : string.Join("; ", t.Gaps))}");
}
