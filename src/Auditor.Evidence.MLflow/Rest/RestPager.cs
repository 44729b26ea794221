using System.Text.Json;

namespace Auditor.Evidence.MLflow.Rest;

/// <summary>
/// Follows <c>next_page_token</c> until it is absent or empty, and stops a server that pages forever: a token seen
/// before, or more than <see cref="TrackingReadOptions.MaxPages"/> pages, is a problem, not an endless loop.
/// </summary>
internal static class RestPager
{
    public static async Task<List<JsonElement>> AllAsync(string what, string redactedUri, int maxPages, string field, Func<string?, Task<JsonElement?>> page)
    {
        var items = new List<JsonElement>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? token = null;
        for (var pages = 0; ; pages++)
        {
            if (pages >= maxPages)
            {
                throw new RestStoreException($"{redactedUri}: {what}: more than {maxPages} pages; stopped (a server that pages forever?)");
            }

            if (await page(token).ConfigureAwait(false) is not { } answer)
            {
                return items;
            }

            if (answer.ValueKind != JsonValueKind.Object)
            {
                throw new RestStoreException($"{redactedUri}: {what}: expected a JSON object, found {answer.ValueKind}");
            }

            if (answer.TryGetProperty(field, out var list) && list.ValueKind == JsonValueKind.Array)
            {
                items.AddRange(list.EnumerateArray());
            }

            token = answer.TryGetProperty("next_page_token", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            if (string.IsNullOrEmpty(token))
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
