using Auditor.Core.Tracking;

namespace Auditor.Evidence.MLflow.Sql;

/// <summary>
/// The metric histories of one run during a scan. Keys are pooled strings, so a key is found by reference; a run
/// logs its keys in a repeating order, so the search starts just after the previous hit and usually ends at once.
/// </summary>
internal sealed class RunMetricSeries(string run)
{
    private MetricSeries[] _series = new MetricSeries[4];
    private int _count;
    private int _next;

    public string Run { get; } = run;

    public IEnumerable<MetricSeries> Series => _series.Take(_count);

    /// <summary>The history of <paramref name="pooledKey"/> (a string from the scan's pool), added when new.</summary>
    public MetricSeries Get(string pooledKey)
    {
        for (var tried = 0; tried < _count; tried++)
        {
            var index = (_next + tried) % _count;
            if (ReferenceEquals(_series[index].Key, pooledKey))
            {
                _next = index + 1;
                return _series[index];
            }
        }

        if (_count == _series.Length)
        {
            Array.Resize(ref _series, _count * 2);
        }

        _next = 0;
        return _series[_count++] = new MetricSeries(pooledKey);
    }

    /// <summary>Folds in the same run's histories from the next rowid range.</summary>
    public void Append(RunMetricSeries later)
    {
        foreach (var series in later.Series)
        {
            Get(series.Key).Append(series);
        }
    }

    public IReadOnlyDictionary<string, MetricSummary> Build()
    {
        var summaries = new KeyValuePair<string, MetricSummary>[_count];
        for (var i = 0; i < _count; i++)
        {
            summaries[i] = new(_series[i].Key, _series[i].Build());
        }

        return new CompactMap<MetricSummary>(summaries);
    }
}
