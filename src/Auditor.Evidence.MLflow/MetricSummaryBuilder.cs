using System.Globalization;
using Auditor.Core.Tracking;

namespace Auditor.Evidence.MLflow;

/// <summary>Folds metric points into a <see cref="MetricSummary"/> without keeping the points.</summary>
internal sealed class MetricSummaryBuilder
{
    private readonly string _key;

    /// <summary>Every distinct step, or null when counting steps in order (<see cref="ForOrderedHistory"/>).</summary>
    private readonly HashSet<long>? _steps;
    private long _lastStep;
    private int _orderedSteps;
    private int _count;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;
    private bool _nonFinite;
    private (long Step, long Timestamp, double Value) _latest = (long.MinValue, long.MinValue, double.NegativeInfinity);

    public MetricSummaryBuilder(string key)
        : this(key, exactSteps: true)
    {
    }

    private MetricSummaryBuilder(string key, bool exactSteps)
    {
        _key = key;
        _steps = exactSteps ? [] : null;
    }

    /// <summary>
    /// False once a step arrived lower than an earlier one; a builder from <see cref="ForOrderedHistory"/> then cannot
    /// give the distinct step count, and the history must be read again into an exact builder.
    /// </summary>
    public bool InStepOrder { get; private set; } = true;

    /// <summary>
    /// A builder that counts distinct steps without a set while they arrive in non-decreasing order (as MLflow appends
    /// them): one plus the number of increases. For a caller that can replay the history when <see cref="InStepOrder"/> is false.
    /// </summary>
    public static MetricSummaryBuilder ForOrderedHistory(string key) => new(key, exactSteps: false);

    public void Add(long timestamp, double value, long step)
    {
        if (_count == 0 || step > _lastStep)
        {
            _orderedSteps++;
            _lastStep = step;
        }
        else if (step < _lastStep)
        {
            InStepOrder = false;
        }

        _count++;
        _steps?.Add(step);
        if (double.IsFinite(value))
        {
            _min = Math.Min(_min, value);
            _max = Math.Max(_max, value);
        }
        else
        {
            _nonFinite = true;
        }

        // MLflow's latest value: max by (step, timestamp, value).
        if ((step, timestamp).CompareTo((_latest.Step, _latest.Timestamp)) > 0
            || (step == _latest.Step && timestamp == _latest.Timestamp && value.CompareTo(_latest.Value) > 0))
        {
            _latest = (step, timestamp, value);
        }
    }

    public MetricSummary Build() => new()
    {
        Key = _key,
        Count = _count,
        Steps = _steps?.Count ?? (InStepOrder ? _orderedSteps : throw new InvalidOperationException("steps out of order: read the history into an exact builder")),
        Last = _count == 0 ? double.NaN : _latest.Value,
        Min = double.IsPositiveInfinity(_min) ? double.NaN : _min,
        Max = double.IsNegativeInfinity(_max) ? double.NaN : _max,
        HasNonFinite = _nonFinite,
    };

    /// <summary>Parses a value as Python's <c>float()</c> wrote it: <c>nan</c>, <c>inf</c>, <c>-inf</c> or a decimal.</summary>
    public static bool TryParseValue(ReadOnlySpan<char> text, out double value)
    {
        var trimmed = text.TrimStart('+');
        if (trimmed.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }

        if (trimmed.Equals("inf", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = double.PositiveInfinity;
            return true;
        }

        if (trimmed.Equals("-inf", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("-infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NegativeInfinity;
            return true;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
