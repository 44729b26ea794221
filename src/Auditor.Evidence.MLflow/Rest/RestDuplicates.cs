using System.Globalization;

namespace Auditor.Evidence.MLflow.Rest;

/// <summary>
/// A server may send one id many times (the same run for every experiment, a model twice): the first of each is kept
/// and one problem line per kind says how many were dropped, so the audit never meets two items with one id.
/// </summary>
internal sealed class RestDuplicates(string redactedUri, ProblemLog problems)
{
    /// <summary>Another answer the reader leaves out, as a problem line of the same form.</summary>
    public void Problem(string what, string message) => problems.Add($"{redactedUri}: {what}", message);

    public List<T> Keep<T>(string what, string noun, IEnumerable<T> items, Func<T, string> id)
    {
        var seen = Ids(what, noun);
        var kept = items.Where(item => seen.Add(id(item))).ToList();
        seen.Report();
        return kept;
    }

    /// <summary>Ids met one at a time (items folded as they arrive, not kept); <see cref="Seen.Report"/> writes the problem line.</summary>
    public Seen Ids(string what, string noun) => new(this, what, noun);

    public sealed class Seen(RestDuplicates owner, string what, string noun)
    {
        private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
        private int _dropped;
        private string? _first;

        /// <summary>True the first time an id is met.</summary>
        public bool Add(string id)
        {
            if (_ids.Add(id))
            {
                return true;
            }

            _dropped++;
            _first ??= id;
            return false;
        }

        /// <summary>Adds what <paramref name="other"/> met (ids met by both count as dropped once more).</summary>
        public void Merge(Seen other)
        {
            foreach (var id in other._ids)
            {
                Add(id);
            }

            _dropped += other._dropped;
            _first ??= other._first;
        }

        public void Report()
        {
            if (_dropped > 0)
            {
                var shown = _first!.Length > 80 ? _first[..80] + "…" : _first;
                owner.Problem(what, $"the server sent {_dropped.ToString("N0", CultureInfo.InvariantCulture)} duplicate {noun} {(_dropped == 1 ? "entry" : "entries")} (first: {noun} '{shown}'); the first of each id is kept");
            }
        }
    }
}
