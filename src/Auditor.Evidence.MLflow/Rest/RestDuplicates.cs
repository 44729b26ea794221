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
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var kept = new List<T>();
        var dropped = 0;
        string? first = null;
        foreach (var item in items)
        {
            var key = id(item);
            if (seen.Add(key))
            {
                kept.Add(item);
                continue;
            }

            dropped++;
            first ??= key;
        }

        if (dropped > 0)
        {
            var shown = first!.Length > 80 ? first[..80] + "…" : first;
            problems.Add($"{redactedUri}: {what}", $"the server sent {dropped.ToString("N0", CultureInfo.InvariantCulture)} duplicate {noun} {(dropped == 1 ? "entry" : "entries")} (first: {noun} '{shown}'); the first of each id is kept");
        }

        return kept;
    }
}
