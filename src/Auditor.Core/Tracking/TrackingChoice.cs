namespace Auditor.Core.Tracking;

/// <summary>Which store the audit read and why: the URI tried (redacted), its backend, and the other stores found.</summary>
public sealed record TrackingChoice
{
    public static readonly TrackingChoice None = new() { Source = TrackingSource.None };

    /// <summary>The URI tried, without credentials; null when there is no store.</summary>
    public string? Uri { get; init; }

    public TrackingStoreKind? Kind { get; init; }

    public required TrackingSource Source { get; init; }

    /// <summary>Stores found in the project besides the chosen one, most runs first.</summary>
    public IReadOnlyList<StoreCandidate> OtherStores { get; init; } = [];

    /// <summary>Named by the user (option, environment, configuration): one that cannot be opened stops the audit.</summary>
    public bool IsNamed => Source is TrackingSource.Option or TrackingSource.Environment or TrackingSource.Config;
}
