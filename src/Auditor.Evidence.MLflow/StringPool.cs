using System.Collections.Concurrent;

namespace Auditor.Evidence.MLflow;

/// <summary>
/// Shares equal strings across a store read: param, tag and metric keys repeat in every run, and so do many
/// values (user names, sources, flags). Looks up spans without allocating. Long values are not pooled.
/// </summary>
internal sealed class StringPool
{
    private const int MaxPooledLength = 64;
    private readonly ConcurrentDictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public StringPool() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<char> text)
    {
        if (text.Length > MaxPooledLength)
        {
            return text.ToString();
        }

        if (_lookup.TryGetValue(text, out var pooled))
        {
            return pooled;
        }

        var value = text.ToString();
        return _strings.GetOrAdd(value, value);
    }

    public string Get(string text) => text.Length > MaxPooledLength ? text : _strings.GetOrAdd(text, text);
}
