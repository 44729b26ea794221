namespace Auditor.Core.Tracking;

/// <summary>How the tracking store was chosen; the JSON report writes it in lower case.</summary>
public enum TrackingSource
{
    /// <summary><c>--tracking-uri</c>.</summary>
    Option,

    /// <summary><c>MLFLOW_TRACKING_URI</c>.</summary>
    Environment,

    /// <summary>The configuration's <c>trackingUri</c>.</summary>
    Config,

    /// <summary>MLflow's default in the project folder: <c>./mlruns</c> with data, else <c>./mlflow.db</c>.</summary>
    Default,

    /// <summary>Found inside the project where MLflow's default found no runs.</summary>
    Discovered,

    /// <summary>No store: none was named, and none was found.</summary>
    None,
}
