using System.Collections.Concurrent;
using System.Text;

namespace Auditor.Evidence.MLflow;

/// <summary>
/// Shares equal strings across a store read: param, tag and metric keys repeat in every run, and so do many
/// values (user names, sources, flags). Looks up spans without allocating. Long values are not pooled.
/// </summary>
internal sealed class StringPool
{
    private readonly int _maxPooledLength;
    private readonly ConcurrentDictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <param name="maxPooledLength">Longer strings are not pooled (at most 1024).</param>
    public StringPool(int maxPooledLength = 64)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxPooledLength, 1024);
        _maxPooledLength = maxPooledLength;
        _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string Get(ReadOnlySpan<char> text)
    {
        if (text.Length > _maxPooledLength)
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

    /// <summary>The pooled string of UTF-8 text (a SQLite column); decoded on the stack, no allocation once seen.</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        // A UTF-8 byte encodes at most one char and a char takes at most 3 bytes, so more bytes than this is too long to pool.
        if (utf8.Length > _maxPooledLength * 3)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        Span<char> chars = stackalloc char[utf8.Length];
        return Get(chars[..Encoding.UTF8.GetChars(utf8, chars)]);
    }

    public string Get(string text) => text.Length > _maxPooledLength ? text : _strings.GetOrAdd(text, text);
}
