using System.Runtime.InteropServices;

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

    public void Add(ReadOnlySpan<char> owner, ReadOnlySpan<char> key, ReadOnlySpan<char> value) =>
        AddPooled(pool.Get(owner), pool.Get(key), pool.Get(value));

    /// <summary>Adds a row of UTF-8 columns (SQLite); text that was seen before is not allocated again.</summary>
    public void Add(ReadOnlySpan<byte> owner, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value) =>
        AddPooled(pool.Get(owner), pool.Get(key), pool.Get(value));

    public Dictionary<string, IReadOnlyDictionary<string, string>> Build()
    {
        Flush();
        return _result;
    }

    private void AddPooled(string owner, string key, string value)
    {
        if (!string.Equals(owner, _owner, StringComparison.Ordinal))
        {
            Flush();
            _owner = owner;
        }

        _group.Add(new(key, value));
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
