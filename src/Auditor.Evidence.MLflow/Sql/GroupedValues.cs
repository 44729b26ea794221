using System.Runtime.InteropServices;
using System.Text;

namespace Auditor.Evidence.MLflow.Sql;

/// <summary>
/// Builds one compact map per owner from (owner, key, value) rows: run tags and params, model tags. Rows come in
/// storage order, where an owner's rows are mostly together, so each group becomes its map when the owner changes
/// (no list per owner outlives the query); an owner met again later (a tag set at the end of a run) is merged,
/// later values winning. Owners, keys and short values are pooled: a run id read from several tables is one string.
/// </summary>
internal sealed class GroupedValues(StringPool pool)
{
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _result = new(StringComparer.Ordinal);
    private readonly List<KeyValuePair<string, string>> _group = [];
    private string? _owner;

    public void Add(ReadOnlySpan<char> owner, ReadOnlySpan<char> key, ReadOnlySpan<char> value)
    {
        if (_owner is null || !owner.SequenceEqual(_owner))
        {
            Flush();
            _owner = pool.Get(owner);
        }

        _group.Add(new(pool.Get(key), pool.Get(value)));
    }

    /// <summary>Adds a row of UTF-8 columns, decoding on the stack where they fit.</summary>
    public void Add(ReadOnlySpan<byte> owner, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        const int StackChars = 512;
        if (owner.Length + key.Length + value.Length > StackChars)
        {
            Add(Encoding.UTF8.GetString(owner), Encoding.UTF8.GetString(key), Encoding.UTF8.GetString(value));
            return;
        }

        Span<char> chars = stackalloc char[StackChars];
        var ownerLength = Encoding.UTF8.GetChars(owner, chars);
        var keyLength = Encoding.UTF8.GetChars(key, chars[ownerLength..]);
        var valueLength = Encoding.UTF8.GetChars(value, chars[(ownerLength + keyLength)..]);
        Add(chars[..ownerLength], chars.Slice(ownerLength, keyLength), chars.Slice(ownerLength + keyLength, valueLength));
    }

    public Dictionary<string, IReadOnlyDictionary<string, string>> Build()
    {
        Flush();
        return _result;
    }

    private void Flush()
    {
        if (_owner is null)
        {
            return;
        }

        var entries = CollectionsMarshal.AsSpan(_group);
        _result[_owner] = _result.TryGetValue(_owner, out var earlier) ? ((CompactMap<string>)earlier).With(entries) : new CompactMap<string>(entries);
        _group.Clear();
    }
}
