namespace Auditor.Evidence.MLflow;

/// <summary>A store found inside the project, with its cheap run count.</summary>
internal sealed record FoundStore(TrackingLocation Location, int Runs);
