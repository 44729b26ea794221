using Auditor.Core.Evidence;
using Auditor.Core.Rules;
using Auditor.Core.Tracking;

namespace Auditor.Core.Facts;

/// <summary>
/// Base of the providers that read the tracking store. A project without a store is judged on an empty
/// one (no runs, no models); a store that could not be read makes every fact unknown, with the reason. So does a
/// store read only in part (a deadline or size limit stopped the read): a share, a count or a trace of a sample
/// could pass or fail a rule either way, so only the facts a provider names in <see cref="KnownWhenPartlyRead"/> stay.
/// </summary>
public abstract class TrackingFactProvider : IFactProvider
{
    public abstract IReadOnlyList<FactDescriptor> Descriptors { get; }

    /// <summary>Facts that hold for a partly read store as for the whole (that a store was found).</summary>
    protected virtual IReadOnlySet<string> KnownWhenPartlyRead { get; } = new HashSet<string>();

    public IEnumerable<Fact> Derive(EvidenceBundle evidence) =>
        evidence.Tracking.State switch
        {
            CollectionState.Present => Derive(evidence.Tracking.Value!, evidence),
            CollectionState.Absent => Derive(new TrackingStore { Kind = TrackingStoreKind.File, Uri = "" }, evidence),
            // Only the facts that stay are derived (a provider yields lazily): a large partial store costs no full scan.
            CollectionState.Partial => Descriptors.Select(d => KnownWhenPartlyRead.Contains(d.Name)
                ? Derive(evidence.Tracking.Value!, evidence).First(f => f.Name == d.Name)
                : Fact.Unknown(d.Name, PartlyRead(evidence.Tracking.Reason))),
            _ => Descriptors.Select(d => Fact.Unknown(d.Name, evidence.Tracking.Reason ?? "the tracking store could not be read")),
        };

    /// <summary>Why a fact about a partly read store is unknown.</summary>
    public static string PartlyRead(string? reason) => "the tracking store was only partly read" + (reason is null ? "" : $" ({reason})");

    protected abstract IEnumerable<Fact> Derive(TrackingStore store, EvidenceBundle evidence);

    protected static EvidenceRef RunRef(Run run, string detail) =>
        new("run", run.Id, run.Name is null ? detail : $"{run.Name}: {detail}");

    protected static EvidenceRef VersionRef(ModelVersion v, string? detail = null)
    {
        var labels = new List<string> { $"stage {v.Stage}" };
        labels.AddRange(v.Aliases.Select(a => "@" + a));
        if (detail is not null)
        {
            labels.Add(detail);
        }

        return new EvidenceRef("model-version", $"{v.ModelName}/{v.Version}", string.Join(", ", labels));
    }
}
