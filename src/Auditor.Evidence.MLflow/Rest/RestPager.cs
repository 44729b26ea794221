using System.Text.Json;

namespace Auditor.Evidence.MLflow.Rest;

/// <summary>A page read from its bytes: the kind of its root (only an object is a page), its items and the next page's token.</summary>
internal sealed record ReadPage<T>(JsonValueKind Kind, IReadOnlyList<T> Items, string? NextPageToken);

/// <summary>
/// Follows <c>next_page_token</c> until it is absent or empty, mapping each page as it arrives (only the mapped items
/// stay in memory). A token seen before is a problem, not an endless loop. A bound reached (the deadline, an answer or
/// the audit too large, the audit's items, <see cref="RestLimits.MaxPages"/>) ends the search with what it has read,
/// recorded as cut short: the store is then partly read. Each page is disposed once mapped (a runs page is most of a
/// megabyte, and its buffers go back to the pool for the next one), so a map keeps no element of it but a clone.
/// </summary>
internal static class RestPager
{
    public static Task<List<T>> AllAsync<T>(string what, RestBudget budget, string redactedUri, string field, Func<JsonElement, T> map, Func<string?, Task<JsonDocument?>> page) =>
        PagedAsync<T>(what, budget, redactedUri, page, (answer, items) => Each(what, budget, answer, field, item => items.Add(map(item))));

    /// <summary>
    /// As <see cref="AllAsync{T}(string, RestBudget, string, string, Func{JsonElement, T}, Func{string?, Task{JsonDocument?}})"/>,
    /// for a search whose pages are read from their bytes into items (runs/search): each item taken from the budget.
    /// </summary>
    public static Task<List<T>> AllAsync<T>(string what, RestBudget budget, string redactedUri, Func<string?, Task<ReadPage<T>>> page) =>
        PagedAsync<T>(what, budget, redactedUri, async (token, items) =>
        {
            var read = await page(token).ConfigureAwait(false);
            if (read.Kind != JsonValueKind.Object)
            {
                return new Step(read.Kind, false, null);
            }

            foreach (var item in read.Items)
            {
                if (!budget.TakeItem())
                {
                    budget.Cut(what, budget.Exhausted!);
                    return Step.End;
                }

                items.Add(item);
            }

            return new Step(JsonValueKind.Object, true, read.NextPageToken);
        });

    /// <summary>Each item handed to <paramref name="each"/> as its page arrives; nothing is kept (a fold, e.g. counting traces).</summary>
    public static Task EachAsync(string what, RestBudget budget, string redactedUri, string field, Action<JsonElement> each, Func<string?, Task<JsonDocument?>> page) =>
        PagedAsync<bool>(what, budget, redactedUri, page, (answer, _) => Each(what, budget, answer, field, each));

    /// <summary>The items of one page's list, each taken from the budget; false once the budget is spent.</summary>
    private static bool Each(string what, RestBudget budget, JsonElement answer, string field, Action<JsonElement> each)
    {
        if (answer.TryGetProperty(field, out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
            {
                if (!budget.TakeItem())
                {
                    budget.Cut(what, budget.Exhausted!);
                    return false;
                }

                each(item);
            }
        }

        return true;
    }

    /// <summary>
    /// Each page mapped whole (an answer whose list is one JSON-encoded string, as evaluation-dataset records are);
    /// a page counts as one item of the budget.
    /// </summary>
    public static Task<List<T>> PagesAsync<T>(string what, RestBudget budget, string redactedUri, Func<JsonElement, T> map, Func<string?, Task<JsonDocument?>> page) =>
        PagedAsync<T>(what, budget, redactedUri, page, (answer, items) =>
        {
            if (!budget.TakeItem())
            {
                budget.Cut(what, budget.Exhausted!);
                return false;
            }

            items.Add(map(answer));
            return true;
        });

    /// <summary>One page read: the kind of its root (only an object is a page), whether to go on, and the next page's token.</summary>
    private readonly record struct Step(JsonValueKind Kind, bool More, string? Token)
    {
        /// <summary>No page follows: no answer (an endpoint the server lacks), or the budget is spent.</summary>
        public static readonly Step End = new(JsonValueKind.Object, false, null);
    }

    private static Task<List<T>> PagedAsync<T>(string what, RestBudget budget, string redactedUri, Func<string?, Task<JsonDocument?>> page, Func<JsonElement, List<T>, bool> take) =>
        PagedAsync<T>(what, budget, redactedUri, async (token, items) =>
        {
            using var document = await page(token).ConfigureAwait(false);
            if (document is null)
            {
                return Step.End;
            }

            var answer = document.RootElement;
            if (answer.ValueKind != JsonValueKind.Object)
            {
                return new Step(answer.ValueKind, false, null);
            }

            return take(answer, items)
                ? new Step(JsonValueKind.Object, true, answer.TryGetProperty("next_page_token", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null)
                : Step.End;
        });

    private static async Task<List<T>> PagedAsync<T>(string what, RestBudget budget, string redactedUri, Func<string?, List<T>, Task<Step>> read)
    {
        var items = new List<T>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? token = null;
        for (var pages = 0; ; pages++)
        {
            if (pages >= budget.Limits.MaxPages)
            {
                budget.Cut(what, $"more than {budget.Limits.MaxPages} pages of one search (a server that pages forever?)");
                return items;
            }

            Step step;
            try
            {
                budget.ThrowIfExhausted(what);
                step = await read(token, items).ConfigureAwait(false);
            }
            catch (RestLimitException e)
            {
                budget.Cut(what, e.Reason);
                return items;
            }

            if (step.Kind != JsonValueKind.Object)
            {
                throw new RestStoreException($"{redactedUri}: {what}: expected a JSON object, found {step.Kind}");
            }

            token = step.Token;
            if (!step.More || string.IsNullOrEmpty(token))
            {
                return items;
            }

            if (!seen.Add(token))
            {
                throw new RestStoreException($"{redactedUri}: {what}: the server sent the same page token twice; stopped after {pages + 1} pages");
            }
        }
    }
}
