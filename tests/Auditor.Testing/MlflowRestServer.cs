using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Auditor.Core.Tracking;

namespace Auditor.Testing;

/// <summary>
/// A stand-in MLflow tracking server on 127.0.0.1 (HttpListener) serving a <see cref="TrackingStore"/> in the shape
/// of the recorded responses in rest-examples-*: snake_case fields, <c>{key, value}</c> lists, int64 as numbers,
/// NaN as a string, empty lists omitted, opaque base64 <c>next_page_token</c>s. Like MLflow, it filters deleted
/// items unless the view type is ALL and refuses a search without <c>max_results</c>. Model files are served through
/// MLflow's artifact endpoints (<see cref="Artifacts"/>). <see cref="Intercept"/> injects faults, <see cref="Rewrite"/>
/// alters answers (see <see cref="HostileAnswers"/> for a server that misbehaves on purpose).
/// </summary>
public sealed partial class MlflowRestServer : IDisposable
{
    private readonly LoopbackHttpServer _server;
    private readonly TrackingStore _store;
    private readonly Lazy<ILookup<string, Run>> _runsByExperiment;

    /// <param name="artifactRoot">
    /// The folder the server's artifacts are in; by default the store's own: a file store's folder, or the
    /// <c>mlruns</c> beside a SQLite database.
    /// </param>
    public MlflowRestServer(TrackingStore store, int pageSize = 5, bool hasLoggedModelsEndpoint = true, string? artifactRoot = null)
    {
        _store = store;
        Artifacts = new MlflowArtifactRoutes(store, artifactRoot ?? DefaultArtifactRoot(store), hasLoggedModelsEndpoint);
        _runsByExperiment = new(() => store.Runs.ToLookup(r => r.ExperimentId, StringComparer.Ordinal));
        PageSize = pageSize;
        HasLoggedModelsEndpoint = hasLoggedModelsEndpoint;
        _server = new LoopbackHttpServer(Handle);
    }

    public int Port => _server.Port;

    public string Uri => _server.Uri;

    public int PageSize { get; }

    public bool HasLoggedModelsEndpoint { get; }

    /// <summary>The artifact endpoints and the folder they serve.</summary>
    public MlflowArtifactRoutes Artifacts { get; }

    /// <summary>
    /// Whether runs/search leaves out model inputs, as the 3.11 server over SQLite was recorded doing
    /// (runs-search-genai-evaluate.json against runs-get-genai-evaluate.json); runs/get always has them.
    /// </summary>
    public bool SearchLeavesOutModelInputs { get; set; }

    /// <summary>The exact Authorization header every request must carry, or null for none.</summary>
    public string? RequiredAuthorization { get; set; }

    /// <summary>Called first for every request with its sequence number; returns true when it answered the request itself.</summary>
    public Func<HttpListenerContext, int, bool>? Intercept { get; set; }

    /// <summary>Called with the path and the JSON of every search answer; returns the JSON to send instead.</summary>
    public Func<string, string, string>? Rewrite { get; set; }

    /// <summary>Cancelled when the server stops: a handler that stalls on purpose waits on it.</summary>
    public CancellationToken Stopping => _server.Stopping;

    /// <summary>Every request: method, path and query, and the Authorization header.</summary>
    public ConcurrentQueue<(string Method, string PathAndQuery, string? Body, string? Authorization)> Requests { get; } = new();

    private void Handle(HttpListenerContext context, int n)
    {
        var request = context.Request;
        string? body = null;
        if (request.HasEntityBody)
        {
            using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
            body = reader.ReadToEnd();
        }

        Requests.Enqueue((request.HttpMethod, request.Url!.PathAndQuery, body, request.Headers["Authorization"]));
        if (Intercept?.Invoke(context, n) == true)
        {
            return;
        }

        if (RequiredAuthorization is not null && request.Headers["Authorization"] != RequiredAuthorization)
        {
            Reply(context, 401, """{"error_code": "UNAUTHENTICATED", "message": "You are not authenticated."}""");
            return;
        }

        var path = request.Url.AbsolutePath;
        if (request.HttpMethod == "GET" && Artifacts.TryHandle(context, path))
        {
            return;
        }

        var args = body is null ? Query(request) : JsonNode.Parse(body)!.AsObject();
        var answer = GenAiAnswer(request, path, args) ?? path switch
        {
            "/api/2.0/mlflow/experiments/search" => Page(args, "experiments", Visible(args, "view_type", _store.Experiments, e => e.Lifecycle), Experiment),
            "/api/2.0/mlflow/runs/search" => Page(args, "runs", Visible(args, "run_view_type", RunsOf(Ids(args)), r => r.Lifecycle), r => SearchedRun(r)),
            "/api/2.0/mlflow/registered-models/search" => Page(args, "registered_models", _store.RegisteredModels, RegisteredModel),
            "/api/2.0/mlflow/model-versions/search" => Page(args, "model_versions", _store.RegisteredModels.SelectMany(m => m.Versions), ModelVersion),
            "/api/2.0/mlflow/logged-models/search" when HasLoggedModelsEndpoint => Page(args, "models", _store.LoggedModels.Select((m, i) => (Model: m, Index: i)).Where(m => Ids(args).Contains(m.Model.ExperimentId) && m.Model.Lifecycle == Lifecycle.Active), m => LoggedModel(m.Model, m.Index)),
            _ => null,
        };
        if (answer is null)
        {
            Reply(context, 404, $$"""{"error_code": "ENDPOINT_NOT_FOUND", "message": "No API endpoint found for {{path}}"}""");
            return;
        }

        Reply(context, answer.Value.Status, Rewrite is { } rewrite && answer.Value.Status == 200 ? rewrite(path, answer.Value.Json) : answer.Value.Json);
    }

    public static void Reply(HttpListenerContext context, int status, string json, IReadOnlyDictionary<string, string>? headers = null)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        context.Response.ContentLength64 = bytes.Length;
        context.Response.OutputStream.Write(bytes);
        context.Response.Close();
    }

    private static JsonObject Query(HttpListenerRequest request)
    {
        var result = new JsonObject();
        foreach (var key in request.QueryString.AllKeys.OfType<string>())
        {
            result[key] = request.QueryString[key];
        }

        return result;
    }

    private static HashSet<string> Ids(JsonObject args) =>
        args["experiment_ids"] is JsonArray ids ? ids.Select(i => i!.GetValue<string>()).ToHashSet(StringComparer.Ordinal) : [];

    private static IEnumerable<T> Visible<T>(JsonObject args, string field, IEnumerable<T> items, Func<T, Lifecycle> lifecycle) =>
        args[field]?.ToString() switch
        {
            "ALL" or "3" => items,
            "DELETED_ONLY" or "2" => items.Where(i => lifecycle(i) == Lifecycle.Deleted),
            _ => items.Where(i => lifecycle(i) == Lifecycle.Active),
        };

    private IEnumerable<Run> RunsOf(HashSet<string> experiments) =>
        experiments.SelectMany(id => _runsByExperiment.Value[id]);

    private (int Status, string Json)? Page<T>(JsonObject args, string field, IEnumerable<T> all, Func<T, JsonObject> map)
    {
        if (!int.TryParse(args["max_results"]?.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var max) || max <= 0)
        {
            return (400, """{"error_code": "INVALID_PARAMETER_VALUE", "message": "Invalid value 0 for parameter 'max_results' supplied."}""");
        }

        var offset = args["page_token"]?.ToString() is { Length: > 0 } token
            ? JsonNode.Parse(Convert.FromBase64String(token))!["offset"]!.GetValue<int>()
            : 0;
        var size = Math.Min(max, PageSize);
        var items = all.ToList();
        var result = new JsonObject();
        var page = items.Skip(offset).Take(size).Select(map).ToList();
        if (page.Count > 0)
        {
            result[field] = new JsonArray(page.Select(JsonNode (p) => p).ToArray());
        }

        if (offset + size < items.Count)
        {
            result["next_page_token"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($$"""{"offset": {{offset + size}}}"""));
        }

        return (200, result.ToJsonString());
    }

    private static JsonObject Experiment(Experiment e) => Omit(new JsonObject
    {
        ["experiment_id"] = e.Id,
        ["name"] = e.Name,
        ["artifact_location"] = e.ArtifactLocation,
        ["lifecycle_stage"] = e.Lifecycle == Lifecycle.Deleted ? "deleted" : "active",
        ["last_update_time"] = Ms(e.CreationTime),
        ["creation_time"] = Ms(e.CreationTime),
        ["tags"] = Pairs(e.Tags),
    });

    private static JsonObject Run(Run r) => Omit(new JsonObject
    {
        ["info"] = Omit(new JsonObject
        {
            ["run_uuid"] = r.Id,
            ["experiment_id"] = r.ExperimentId,
            ["run_name"] = r.Name,
            ["user_id"] = r.UserId,
            ["status"] = r.Status.ToString().ToUpperInvariant(),
            ["start_time"] = Ms(r.StartTime),
            ["end_time"] = Ms(r.EndTime),
            ["artifact_uri"] = r.ArtifactUri,
            ["lifecycle_stage"] = r.Lifecycle == Lifecycle.Deleted ? "deleted" : "active",
            ["run_id"] = r.Id,
        }),
        ["data"] = Omit(new JsonObject
        {
            ["metrics"] = List(r.Metrics.Values.Select(m => new JsonObject { ["key"] = m.Key, ["value"] = Number(m.Last), ["timestamp"] = Ms(r.EndTime ?? r.StartTime) ?? 0, ["step"] = Math.Max(0, m.Steps - 1) })),
            ["params"] = Pairs(r.Params),
            ["tags"] = Pairs(r.Tags),
        }),
        ["inputs"] = Omit(new JsonObject
        {
            ["dataset_inputs"] = List(r.Datasets.Select(d => Omit(new JsonObject
            {
                ["tags"] = d.Context is null ? null : Pairs(new Dictionary<string, string> { ["mlflow.data.context"] = d.Context }),
                ["dataset"] = Omit(new JsonObject { ["name"] = d.Name, ["digest"] = d.Digest, ["source_type"] = d.SourceType, ["source"] = d.Source }),
            }))),
            ["model_inputs"] = List(r.InputModelIds.Select(id => new JsonObject { ["model_id"] = id })),
        }),
        // Like MLflow 3.x, runs/search leaves out the run's outputs (runs/get has them).
    });

    /// <summary>A run as runs/search sends it: like the 3.11 server, without model inputs when <see cref="SearchLeavesOutModelInputs"/>.</summary>
    private JsonObject SearchedRun(Run r)
    {
        var run = Run(r);
        if (SearchLeavesOutModelInputs && run["inputs"] is JsonObject inputs)
        {
            inputs.Remove("model_inputs");
            Omit(run);
        }

        return run;
    }

    private static JsonObject RegisteredModel(RegisteredModel m) => Omit(new JsonObject
    {
        ["name"] = m.Name,
        ["creation_timestamp"] = Ms(m.CreationTime),
        ["description"] = m.Description,
        ["latest_versions"] = List(m.Versions.GroupBy(v => v.Stage).Select(g => ModelVersion(g.MaxBy(v => v.Version)!))),
        ["tags"] = Pairs(m.Tags),
        ["aliases"] = List(m.Aliases.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => new JsonObject { ["alias"] = a.Key, ["version"] = a.Value.ToString(CultureInfo.InvariantCulture) })),
    });

    /// <summary>Like MLflow 2.17.2 over SQL: a version's own alias list is left empty.</summary>
    private static JsonObject ModelVersion(ModelVersion v) => Omit(new JsonObject
    {
        ["name"] = v.ModelName,
        ["version"] = v.Version.ToString(CultureInfo.InvariantCulture),
        ["creation_timestamp"] = Ms(v.CreationTime),
        ["user_id"] = v.UserId,
        ["current_stage"] = v.Stage,
        ["description"] = v.Description,
        ["source"] = v.Source,
        ["run_id"] = v.RunId,
        ["status"] = v.Status,
        ["run_link"] = v.RunLink,
        ["tags"] = Pairs(v.Tags),
    });

    /// <summary>The normalized model keeps no creation time; the store's order stands in for it.</summary>
    private static JsonObject LoggedModel(LoggedModel m, int index) => Omit(new JsonObject
    {
        ["info"] = Omit(new JsonObject
        {
            ["model_id"] = m.Id,
            ["creation_timestamp_ms"] = 1_700_000_000_000L + index,
            ["experiment_id"] = m.ExperimentId,
            ["name"] = m.Name,
            ["artifact_uri"] = m.ArtifactLocation,
            ["status"] = m.Status is null ? null : "LOGGED_MODEL_" + m.Status,
            ["source_run_id"] = m.SourceRunId,
            ["tags"] = Pairs(m.Tags),
        }),
        ["data"] = Omit(new JsonObject
        {
            ["params"] = Pairs(m.Params),
            ["metrics"] = List(m.Metrics.Values.Select(x => new JsonObject { ["key"] = x.Key, ["value"] = Number(x.Last), ["timestamp"] = 0, ["step"] = 0, ["model_id"] = m.Id })),
        }),
    });

    private static JsonNode Number(double value) =>
        double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "Infinity" : double.IsNegativeInfinity(value) ? "-Infinity" : JsonValue.Create(value);

    private static long? Ms(DateTimeOffset? time) => time?.ToUnixTimeMilliseconds();

    private static JsonArray? Pairs(IReadOnlyDictionary<string, string> pairs) =>
        List(pairs.Select(p => new JsonObject { ["key"] = p.Key, ["value"] = p.Value }));

    private static JsonArray? List(IEnumerable<JsonObject> items)
    {
        var array = new JsonArray(items.Select(JsonNode (i) => i).ToArray());
        return array.Count == 0 ? null : array;
    }

    /// <summary>Protobuf JSON leaves out unset fields and empty lists and messages.</summary>
    private static JsonObject Omit(JsonObject o)
    {
        foreach (var key in o.Where(p => p.Value is null || (p.Value is JsonObject { Count: 0 })).Select(p => p.Key).ToList())
        {
            o.Remove(key);
        }

        return o;
    }

    private static string? DefaultArtifactRoot(TrackingStore store) => store switch
    {
        { Kind: TrackingStoreKind.File, Root: { } root } => root,
        { Kind: TrackingStoreKind.Sqlite, Root: { } database } => Path.Combine(Path.GetDirectoryName(database)!, "mlruns"),
        _ => null,
    };

    public void Dispose() => _server.Dispose();
}
