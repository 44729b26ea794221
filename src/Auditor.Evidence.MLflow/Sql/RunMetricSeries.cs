using Auditor.Core.Tracking;

namespace Auditor.Evidence.MLflow.Sql;

/// <summary>
/// The metric histories of one run during a scan. Keys are pooled strings, so a key is found by reference, or, from a
/// row, by its UTF-8 bytes without decoding them; a run logs its keys in a repeating order, so the search starts just
/// after the previous hit and usually ends at once.
/// </summary>
internal sealed class RunMetricSeries(string run)
{
    private MetricSeries[] _series = new MetricSeries[4];
    private byte[]?[] _utf8 = new byte[]?[4];
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

        return Add(pooledKey, null);
    }

    /// <summary>The history of the key whose UTF-8 text is <paramref name="utf8Key"/>, added (its key pooled) when new.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public MetricSeries Get(ReadOnlySpan<byte> utf8Key, KeyText keys)
    {
        for (var tried = 0; tried < _count; tried++)
        {
            var index = (_next + tried) % _count;
            if (_utf8[index] is { } known && utf8Key.SequenceEqual(known))
            {
                _next = index + 1;
                return _series[index];
            }
        }

        var (key, bytes) = keys.Get(utf8Key);
        for (var index = 0; index < _count; index++)
        {
            // A key first met through Append (no bytes kept yet).
            if (ReferenceEquals(_series[index].Key, key))
            {
                _utf8[index] = bytes;
                _next = index + 1;
                return _series[index];
            }
        }

        return Add(key, bytes);
    }

    private MetricSeries Add(string pooledKey, byte[]? utf8)
    {
        if (_count == _series.Length)
        {
            Array.Resize(ref _series, _count * 2);
            Array.Resize(ref _utf8, _count * 2);
        }

        _next = 0;
        _utf8[_count] = utf8;
        return _series[_count++] = new MetricSeries(pooledKey);
    }

    /// <summary>A scan's metric keys, pooled, with their UTF-8 bytes kept once per key (not once per history).</summary>
    internal sealed class KeyText(StringPool pool)
    {
        private readonly Dictionary<string, byte[]> _bytes = new(StringComparer.Ordinal);

        public (string Key, byte[] Utf8) Get(ReadOnlySpan<byte> utf8)
        {
            var key = pool.Get(utf8);
            if (!_bytes.TryGetValue(key, out var bytes))
            {
                _bytes[key] = bytes = utf8.ToArray();
            }

            return (key, bytes);
        }
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
