using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Auditor.Core.Tracking;
using Auditor.Evidence.MLflow;
using Auditor.Testing;

namespace Auditor.Benchmarks.Remote;

/// <summary>
/// The two halves of bench/e2e.sh's REST case: <c>serve</c> reads a store once and serves it over the stand-in MLflow REST
/// server until standard input closes (printing its address first), and <c>page</c> is the floor: a bare paging loop against
/// the same server (experiments/search, then every experiment's runs/search pages, 4 experiments in flight), reading each
/// answer to its end and parsing nothing but the page token.
/// </summary>
internal static class RestEndToEnd
{
    /// <summary>Serves a SQLite store (a .db file).</summary>
    public static int Serve(string target, int pageSize)
    {
        var location = TrackingUriResolver.Parse("sqlite:///" + Path.GetFullPath(target), "/");
        var store = TrackingStoreReader.Collect(location).Value ?? throw new InvalidOperationException($"cannot read {target}");
        using var server = new MlflowRestServer(store, pageSize: pageSize, hasLoggedModelsEndpoint: true);
        Console.WriteLine(server.Uri);
        Console.Out.Flush();
        Console.In.ReadToEnd();
        // What the clients asked for, by endpoint: where a whole CLI's requests differ from the floor's.
        foreach (var endpoint in server.Requests.GroupBy(r => $"{r.Method} {r.PathAndQuery.Split('?')[0]}").OrderByDescending(g => g.Count()))
        {
            Console.Error.WriteLine($"{endpoint.Count(),6} {endpoint.Key}");
        }

        return 0;
    }

    public static int Page(string uri, int pageSize)
    {
        var clock = Stopwatch.StartNew();
        using var http = new HttpClient { BaseAddress = new Uri(uri.TrimEnd('/') + "/api/2.0/mlflow/") };
        var experiments = new List<string>();
        string? token = null;
        do
        {
            using var page = JsonDocument.Parse(http.GetStringAsync($"experiments/search?max_results={pageSize}&view_type=ALL" + (token is null ? "" : "&page_token=" + Uri.EscapeDataString(token))).GetAwaiter().GetResult());
            experiments.AddRange(page.RootElement.TryGetProperty("experiments", out var list) ? list.EnumerateArray().Select(e => e.GetProperty("experiment_id").GetString()!) : []);
            token = NextToken(page.RootElement);
        }
        while (token is not null);

        long bytes = 0;
        var pages = 0;
        Parallel.ForEach(experiments, new ParallelOptions { MaxDegreeOfParallelism = 4 }, experiment =>
        {
            string? next = null;
            do
            {
                var body = JsonSerializer.Serialize(new Dictionary<string, object?> { ["experiment_ids"] = new[] { experiment }, ["max_results"] = pageSize, ["run_view_type"] = "ALL", ["page_token"] = next });
                using var answer = http.PostAsync("runs/search", new StringContent(body, Encoding.UTF8, "application/json")).GetAwaiter().GetResult();
                var text = answer.EnsureSuccessStatusCode().Content.ReadAsStringAsync().GetAwaiter().GetResult();
                Interlocked.Add(ref bytes, text.Length);
                Interlocked.Increment(ref pages);
                next = TokenOf(text);
            }
            while (next is not null);
        });
        Console.WriteLine($"{experiments.Count} experiments, {pages} runs/search pages, {bytes:N0} characters in {clock.Elapsed.TotalSeconds:0.000} s");
        return 0;
    }

    private static string? NextToken(JsonElement root) =>
        root.TryGetProperty("next_page_token", out var t) && t.GetString() is { Length: > 0 } s ? s : null;

    /// <summary>The page token without parsing the whole page: the server writes it as a top-level string field.</summary>
    private static string? TokenOf(string text)
    {
        const string key = "\"next_page_token\"";
        var at = text.LastIndexOf(key, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var open = text.IndexOf('"', text.IndexOf(':', at + key.Length) + 1);
        var close = text.IndexOf('"', open + 1);
        return close > open + 1 ? text[(open + 1)..close] : null;
    }
}
