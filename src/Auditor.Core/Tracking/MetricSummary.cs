namespace Auditor.Core.Tracking;

/// <summary>
/// One metric key of one run, summarised: rules need how often and how far it was logged,
/// not every point.
/// </summary>
public sealed record MetricSummary
{
    public required string Key { get; init; }

    /// <summary>Number of logged points.</summary>
    public int Count { get; init; }

    /// <summary>Number of distinct steps.</summary>
    public int Steps { get; init; }

    /// <summary>The value MLflow reports as latest: the point with the greatest (step, timestamp, value).</summary>
    public double Last { get; init; }

    public double Min { get; init; }

    public double Max { get; init; }

    /// <summary>Whether any point was NaN or infinite.</summary>
    public bool HasNonFinite { get; init; }
}
