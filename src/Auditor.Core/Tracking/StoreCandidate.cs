namespace Auditor.Core.Tracking;

/// <summary>A store found inside the project: its URI (relative to the project folder, no credentials), backend and runs.</summary>
public sealed record StoreCandidate(string Uri, TrackingStoreKind Kind, int Runs);
