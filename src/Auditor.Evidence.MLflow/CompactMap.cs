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
        : this(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(entries))
    {
    }

    /// <summary>Copies the entries into arrays of exactly their size; a repeated key keeps its first position and last value.</summary>
    public CompactMap(ReadOnlySpan<KeyValuePair<string, TValue>> entries)
    {
        _keys = new string[entries.Length];
        _values = new TValue[entries.Length];
        var count = 0;
        foreach (var (key, value) in entries)
        {
            var index = Array.IndexOf(_keys, key, 0, count);
            if (index >= 0)
            {
                _values[index] = value;
            }
            else
            {
                (_keys[count], _values[count]) = (key, value);
                count++;
            }
        }

        if (count < entries.Length)
        {
            Array.Resize(ref _keys, count);
            Array.Resize(ref _values, count);
        }
    }

    /// <summary>This map with <paramref name="later"/>'s entries added; later values win.</summary>
    public CompactMap<TValue> With(ReadOnlySpan<KeyValuePair<string, TValue>> later)
    {
        var all = new KeyValuePair<string, TValue>[_keys.Length + later.Length];
        for (var i = 0; i < _keys.Length; i++)
        {
            all[i] = new(_keys[i], _values[i]);
        }

        later.CopyTo(all.AsSpan(_keys.Length));
        return new CompactMap<TValue>(all);
    }

    public static IReadOnlyDictionary<string, TValue> Empty { get; } = new CompactMap<TValue>(ReadOnlySpan<KeyValuePair<string, TValue>>.Empty);

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
