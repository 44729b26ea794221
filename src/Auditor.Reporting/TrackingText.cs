using Auditor.Core.Reporting;
using Auditor.Core.Tracking;

namespace Auditor.Reporting;

/// <summary>How every format words the tracking store: which one, how it was chosen, how it read.</summary>
public static class TrackingText
{
    public static string Source(TrackingSource source) => source switch
    {
        TrackingSource.Option => "named with --tracking-uri",
        TrackingSource.Environment => "named by MLFLOW_TRACKING_URI",
        TrackingSource.Config => "named by the configuration's trackingUri",
        TrackingSource.Default => "MLflow's default",
        TrackingSource.Discovered => "found in the project",
        _ => "none named or found",
    };

    public static string State(TrackingState state) => state switch
    {
        TrackingState.Read => "read",
        TrackingState.Partial => "read in part",
        TrackingState.Unreadable => "could not be read",
        _ => "none",
    };

    /// <summary>One line, unescaped: <c>URI (how chosen) - kind store, state</c>, or why there is none.</summary>
    public static string Line(TrackingSummary tracking) =>
        tracking.Uri is null
            ? "none found (looked for ./mlruns, ./mlflow.db and stores inside the project)"
            : $"{tracking.Uri} ({Source(tracking.Source)}) - {(tracking.Kind is { } kind ? Labels.Of(kind) + " store" : "store")}, {State(tracking.State)}";

    /// <summary>Another store found in the project, for the lists under the line.</summary>
    public static string Other(StoreCandidate store) => $"{store.Uri} ({Labels.Of(store.Kind)}, {store.Runs} runs), not audited";
}
