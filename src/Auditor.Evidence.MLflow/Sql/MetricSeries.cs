using Auditor.Core.Tracking;

namespace Auditor.Evidence.MLflow.Sql;

/// <summary>
/// The running summary of one (run, key) metric history read in storage order. Distinct steps are counted without
/// a set: MLflow appends points as they are logged, so a history's steps almost always arrive in non-decreasing
/// order, where the distinct count is one plus the number of increases. A history seen out of order is flagged, and
/// its exact count is asked of the database afterwards.
/// </summary>
internal sealed class MetricSeries(string key)
{
    /// <summary>MLflow stores infinities as ±DBL_MAX.</summary>
    public const double MaxDouble = 1.7976931348623157e308;

    private long _firstStep;
    private long _lastStep;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;
    private (long Step, long Timestamp, double Value, bool Nan) _latest;

    public string Key { get; } = key;

    public int Count { get; private set; }

    public int DistinctSteps { get; set; }

    /// <summary>False once a step arrived lower than an earlier one: <see cref="DistinctSteps"/> must then be recounted.</summary>
    public bool InStepOrder { get; private set; } = true;

    public bool HasNonFinite { get; private set; }

    /// <summary>Adds a point as stored: NaN is <paramref name="isNan"/> with a stored value of 0, infinities ±DBL_MAX.</summary>
    public void Add(double stored, long step, long timestamp, bool isNan)
    {
        if (Count == 0)
        {
            _firstStep = step;
            DistinctSteps = 1;
        }
        else if (step > _lastStep)
        {
            DistinctSteps++;
        }
        else if (step < _lastStep)
        {
            InStepOrder = false;
        }

        if (isNan || Math.Abs(stored) >= MaxDouble)
        {
            HasNonFinite = true;
        }
        else
        {
            _min = Math.Min(_min, stored);
            _max = Math.Max(_max, stored);
        }

        // MLflow's latest point: the greatest (step, timestamp, stored value), as sqlalchemy_store compares them.
        if (Count == 0 || (step, timestamp, stored).CompareTo((_latest.Step, _latest.Timestamp, _latest.Value)) > 0)
        {
            _latest = (step, timestamp, stored, isNan);
        }

        _lastStep = Math.Max(_lastStep, step);
        Count++;
    }

    /// <summary>Folds in the summary of the points stored after this one's (the next rowid range).</summary>
    public void Append(MetricSeries later)
    {
        if (later.Count == 0)
        {
            return;
        }

        if (Count == 0)
        {
            (_firstStep, _lastStep, DistinctSteps, InStepOrder) = (later._firstStep, later._lastStep, later.DistinctSteps, later.InStepOrder);
        }
        else
        {
            InStepOrder = InStepOrder && later.InStepOrder && later._firstStep >= _lastStep;
            DistinctSteps += later.DistinctSteps - (later._firstStep == _lastStep ? 1 : 0);
            _lastStep = Math.Max(_lastStep, later._lastStep);
        }

        if (Count == 0 || (later._latest.Step, later._latest.Timestamp, later._latest.Value).CompareTo((_latest.Step, _latest.Timestamp, _latest.Value)) > 0)
        {
            _latest = later._latest;
        }

        _min = Math.Min(_min, later._min);
        _max = Math.Max(_max, later._max);
        HasNonFinite |= later.HasNonFinite;
        Count += later.Count;
    }

    public MetricSummary Build() => new()
    {
        Key = Key,
        Count = Count,
        Steps = DistinctSteps,
        Min = double.IsPositiveInfinity(_min) ? double.NaN : _min,
        Max = double.IsNegativeInfinity(_max) ? double.NaN : _max,
        HasNonFinite = HasNonFinite,
        Last = _latest.Nan ? double.NaN : Decode(_latest.Value),
    };

    public static double Decode(double stored) =>
        stored >= MaxDouble ? double.PositiveInfinity : stored <= -MaxDouble ? double.NegativeInfinity : stored;
}
