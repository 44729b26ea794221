using Auditor.Core.Evidence;
using Auditor.Core.Rules;
using Auditor.Core.Tracking;

namespace Auditor.Core.Facts;

/// <summary>
/// Base of the providers that read the tracking store. A project without a store is judged on an empty
/// one (no runs, no models); a store that could not be read makes every fact unknown, with the reason.
/// </summary>
public abstract class TrackingFactProvider : IFactProvider
{
    public abstract IReadOnlyList<FactDescriptor> Descriptors { get; }

    public IEnumerable<Fact> Derive(EvidenceBundle evidence) =>
        evidence.Tracking.State switch
        {
            CollectionState.Present => Derive(evidence.Tracking.Value!, evidence),
            CollectionState.Absent => Derive(new TrackingStore { Kind = TrackingStoreKind.File, Uri = "" }, evidence),
            _ => Descriptors.Select(d => Fact.Unknown(d.Name, evidence.Tracking.Reason ?? "the tracking store could not be read")),
        };

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
