using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Auditor.Evidence.MLflow;

/// <summary>
/// A small read-only string-keyed map stored as two arrays: runs hold a few dozen entries each, and a store holds
/// hundreds of thousands of runs, so this saves the hash buckets and entry objects of a dictionary. Lookups are
/// linear (keys are few); keys are ordinal.
/// </summary>
internal sealed class CompactMap<TValue> : IReadOnlyDictionary<string, TValue>
{
    private readonly string[] _keys;
    private readonly TValue[] _values;

    public CompactMap(List<KeyValuePair<string, TValue>> entries)
    {
        // Last write wins, as with a dictionary.
        var keys = new List<string>(entries.Count);
        var values = new List<TValue>(entries.Count);
        foreach (var (key, value) in entries)
        {
            var index = keys.IndexOf(key);
            if (index >= 0)
            {
                values[index] = value;
            }
            else
            {
                keys.Add(key);
                values.Add(value);
            }
        }

        _keys = [.. keys];
        _values = [.. values];
    }

    public static IReadOnlyDictionary<string, TValue> Empty { get; } = new CompactMap<TValue>([]);

    public int Count => _keys.Length;

    public IEnumerable<string> Keys => _keys;

    public IEnumerable<TValue> Values => _values;

    public TValue this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TValue value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _values[index] : default;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator()
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            yield return new KeyValuePair<string, TValue>(_keys[i], _values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            if (ReferenceEquals(_keys[i], key) || string.Equals(_keys[i], key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
