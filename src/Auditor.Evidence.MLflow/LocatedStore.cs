using Auditor.Core.Tracking;

namespace Auditor.Evidence.MLflow;

/// <summary>The store to read (null when there is none) and how it was chosen, for the report.</summary>
public sealed record LocatedStore(TrackingLocation? Location, TrackingChoice Choice)
{
    public static readonly LocatedStore None = new(null, TrackingChoice.None);

    public static LocatedStore Of(TrackingLocation location, TrackingSource source, IReadOnlyList<StoreCandidate>? others = null) =>
        new(location, new TrackingChoice { Uri = location.RedactedUri, Kind = location.Kind, Source = source, OtherStores = others ?? [] });
}
