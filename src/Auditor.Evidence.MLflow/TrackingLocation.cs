using Auditor.Core.Tracking;

namespace Auditor.Evidence.MLflow;

/// <summary>A resolved tracking URI: which backend, where, and how to show it without credentials.</summary>
public sealed record TrackingLocation(TrackingStoreKind Kind, string RedactedUri, string Target);
