using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Auditor.Core.Tracking;

namespace Auditor.Testing;

/// <summary>
/// The GenAI endpoints of the stand-in server in the shapes recorded from MLflow 3.11 (rest-examples-3.11-genai):
/// prompts behind the <c>mlflow.prompt.is_prompt</c> filter, their versions without aliases, <c>POST
/// /api/3.0/mlflow/traces/search</c> (TraceInfo v3: <c>trace_metadata</c>/<c>tags</c> maps, RFC 3339 <c>request_time</c>,
/// assessments inline, newest first, <c>locations</c> required), <c>runs/get</c>, and evaluation datasets (tags a
/// JSON-encoded string, records one JSON-encoded list per page, experiment ids). The store keeps only what mlaudit
/// reads, so it serves the store's trace sample (<see cref="GenAiEvidence.RecentTraces"/>: every trace of a fixture, which
/// holds fewer than the sample's bound per experiment), a trace's metadata holds only those keys (the span count as <c>mlflow.trace.sizeStats</c>) and records only
/// their ids. A store that cannot hold evaluation datasets (a file store, an
/// older SQL schema) answers the dataset routes with 404, as a server without them; with <see cref="HasGenAiEndpoints"/>
/// false it is a 2.x server and answers the v3 trace routes with 404 too; it still serves the deprecated v2 trace search
/// (<c>GET /api/2.0/mlflow/traces</c>: TraceInfo v2, key/value lists, epoch-ms <c>timestamp_ms</c>) unless
/// <see cref="ServesV2Traces"/> is false.
/// </summary>
public sealed partial class MlflowRestServer
{
    private const string Api3 = "/api/3.0/mlflow/";

    /// <summary>False for a server older than MLflow 3: the v3 trace and dataset routes answer 404.</summary>
    public bool HasGenAiEndpoints { get; init; } = true;

    /// <summary>The deprecated <c>GET /api/2.0/mlflow/traces</c> (MLflow 2.14 on, still served by 3.x); false for an older server.</summary>
    public bool ServesV2Traces { get; init; } = true;

    /// <summary>
    /// A store as this server presents it: without <paramref name="genAiEndpoints"/> (a 2.x server) it has no
    /// evaluation-dataset endpoint, so no evaluation datasets, and traces come from the v2 search, which has no
    /// assessments.
    /// </summary>
    public static TrackingStore AsServed(TrackingStore store, bool genAiEndpoints = true) =>
        store with
        {
            GenAi = store.GenAi with
            {
                EvaluationDatasetsSupported = genAiEndpoints && store.GenAi.EvaluationDatasetsSupported,
                EvaluationDatasets = genAiEndpoints ? store.GenAi.EvaluationDatasets : [],
                RecentAssessments = genAiEndpoints ? store.GenAi.RecentAssessments : [],
                AssessmentGroups = genAiEndpoints ? store.GenAi.AssessmentGroups : [],
            },
        };

    private (int Status, string Json)? GenAiAnswer(HttpListenerRequest request, string path, JsonObject args)
    {
        var filter = args["filter"]?.ToString() ?? "";
        switch (path)
        {
            case "/api/2.0/mlflow/registered-models/search" when filter == "tags.`mlflow.prompt.is_prompt` = 'true'":
                return Page(args, "registered_models", _store.GenAi.Prompts, RegisteredModel);
            case "/api/2.0/mlflow/model-versions/search" when PromptVersions().Match(filter) is { Success: true } match:
                var name = match.Groups["name"].Value.Replace("''", "'", StringComparison.Ordinal);
                return Page(args, "model_versions", _store.GenAi.Prompts.Where(p => p.Name == name).SelectMany(p => p.Versions).OrderByDescending(v => v.Version), ModelVersion);
            case "/api/2.0/mlflow/runs/get" when _store.Runs.FirstOrDefault(r => r.Id == args["run_id"]?.ToString()) is { } run:
                return (200, new JsonObject { ["run"] = Run(run) }.ToJsonString());
            case "/api/2.0/mlflow/runs/get":
                return (404, $$"""{"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "Run with id={{args["run_id"]}} not found"}""");
        }

        if (path == "/api/2.0/mlflow/traces" && request.HttpMethod == "GET" && ServesV2Traces)
        {
            // The deprecated v2 search: experiment_ids repeated in the query, newest first, as recorded.
            var experiments = (request.QueryString.GetValues("experiment_ids") ?? []).ToHashSet(StringComparer.Ordinal);
            return Page(args, "traces", _store.GenAi.RecentTraces.Where(t => experiments.Contains(t.ExperimentId)).OrderByDescending(t => t.RequestTime).ThenBy(t => t.Id, StringComparer.Ordinal), TraceInfoV2);
        }

        if (!HasGenAiEndpoints || !path.StartsWith(Api3, StringComparison.Ordinal))
        {
            return null;
        }

        if (path == Api3 + "traces/search" && request.HttpMethod == "POST")
        {
            if (args["locations"] is not JsonArray { Count: > 0 } locations)
            {
                return (400, """{"error_code": "INVALID_PARAMETER_VALUE", "message": "Invalid value \"[]\" for parameter 'locations' supplied: Locations must be provided."}""");
            }

            var experiments = locations.Select(l => l?["mlflow_experiment"]?["experiment_id"]?.ToString()).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var assessments = _store.GenAi.RecentAssessments.ToLookup(a => a.TraceId, StringComparer.Ordinal);
            return Page(args, "traces", _store.GenAi.RecentTraces.Where(t => experiments.Contains(t.ExperimentId)).OrderByDescending(t => t.RequestTime).ThenBy(t => t.Id, StringComparer.Ordinal), t => TraceInfo(t, assessments[t.Id]));
        }

        if (!_store.GenAi.EvaluationDatasetsSupported)
        {
            return null;
        }

        if (path == Api3 + "datasets/search")
        {
            return Page(args, "datasets", _store.GenAi.EvaluationDatasets, Dataset);
        }

        var dataset = _store.GenAi.EvaluationDatasets.FirstOrDefault(d => path == Api3 + $"datasets/{d.Id}/records" || path == Api3 + $"datasets/{d.Id}/experiment-ids");
        if (dataset is null)
        {
            return path.StartsWith(Api3 + "datasets/", StringComparison.Ordinal)
                ? (404, """{"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "Dataset not found"}""")
                : null;
        }

        if (path.EndsWith("/experiment-ids", StringComparison.Ordinal))
        {
            return (200, new JsonObject { ["experiment_ids"] = new JsonArray(dataset.ExperimentIds.Select(id => (JsonNode)JsonValue.Create(id)).ToArray()) }.ToJsonString());
        }

        // Records: one JSON-encoded list per page; the store keeps only how many there are.
        var page = Page(args, "records", Enumerable.Range(0, dataset.RecordCount), i => new JsonObject
        {
            ["dataset_record_id"] = "dr-" + i.ToString("x32", CultureInfo.InvariantCulture),
            ["dataset_id"] = dataset.Id,
        });
        if (page is not { Status: 200 } answer)
        {
            return page;
        }

        var json = JsonNode.Parse(answer.Json)!.AsObject();
        json["records"] = (json["records"] ?? new JsonArray()).ToJsonString();
        return (200, json.ToJsonString());
    }

    [GeneratedRegex(@"^name = '(?<name>(?:[^']|'')*)' AND tag\.`mlflow\.prompt\.is_prompt` = 'true'$")]
    private static partial Regex PromptVersions();

    private static JsonObject TraceInfo(GenAiTrace t, IEnumerable<TraceAssessment> assessments) => Omit(new JsonObject
    {
        ["trace_id"] = t.Id,
        ["trace_location"] = new JsonObject { ["type"] = "MLFLOW_EXPERIMENT", ["mlflow_experiment"] = new JsonObject { ["experiment_id"] = t.ExperimentId } },
        ["request_time"] = t.RequestTime?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        ["state"] = t.State,
        ["trace_metadata"] = Map(TraceMetadata(t)),
        ["assessments"] = List(assessments.Select(Assessment)),
        ["tags"] = Map(TraceTags(t)),
    });

    /// <summary>TraceInfo v2 as the deprecated search sends it: <c>request_id</c>, epoch-ms <c>timestamp_ms</c>, <c>status</c>, key/value lists, no assessments.</summary>
    private static JsonObject TraceInfoV2(GenAiTrace t) => Omit(new JsonObject
    {
        ["request_id"] = t.Id,
        ["experiment_id"] = t.ExperimentId,
        ["timestamp_ms"] = Ms(t.RequestTime),
        ["status"] = t.State,
        ["request_metadata"] = List(TraceMetadata(t).Where(p => p.Value is not null).Select(p => new JsonObject { ["key"] = p.Key, ["value"] = p.Value })),
        ["tags"] = List(TraceTags(t).Where(p => p.Value is not null).Select(p => new JsonObject { ["key"] = p.Key, ["value"] = p.Value })),
    });

    private static Dictionary<string, string?> TraceMetadata(GenAiTrace t) => new()
    {
        ["mlflow.modelId"] = t.ModelId,
        ["mlflow.sourceRun"] = t.SourceRunId,
        ["mlflow.source.git.commit"] = t.GitCommit,
        ["mlflow.trace.session"] = t.Session,
        ["mlflow.trace.sizeStats"] = t.SpanCount > 0 ? $$"""{"num_spans": {{t.SpanCount}}}""" : null,
    };

    private static Dictionary<string, string?> TraceTags(GenAiTrace t) => new()
    {
        ["mlflow.traceName"] = t.Name,
        ["mlflow.linkedPrompts"] = t.LinkedPrompts.Count == 0 ? null : new JsonArray(t.LinkedPrompts.Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["version"] = p.Version.ToString(CultureInfo.InvariantCulture) }).ToArray()).ToJsonString(),
    };

    private static JsonObject Assessment(TraceAssessment a) => Omit(new JsonObject
    {
        ["assessment_id"] = a.Id,
        ["assessment_name"] = a.Name,
        ["trace_id"] = a.TraceId,
        ["span_id"] = a.SpanId,
        ["source"] = Omit(new JsonObject { ["source_type"] = a.SourceType, ["source_id"] = a.SourceId }),
        ["feedback"] = !a.IsFeedback ? null : a.HasError
            ? new JsonObject { ["value"] = null, ["error"] = new JsonObject { ["error_code"] = "ERROR", ["error_message"] = "the scorer failed" } }
            : new JsonObject { ["value"] = null },
        ["expectation"] = a.IsFeedback ? null : new JsonObject { ["value"] = null },
        ["metadata"] = Map(new Dictionary<string, string?> { ["mlflow.assessment.sourceRunId"] = a.SourceRunId }),
        ["overrides"] = a.Overrides,
        ["valid"] = a.Valid,
    });

    private static JsonObject Dataset(EvaluationDataset d) => Omit(new JsonObject
    {
        ["dataset_id"] = d.Id,
        ["name"] = d.Name,
        ["tags"] = d.Tags.Count == 0 ? null : new JsonObject(d.Tags.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value))).ToJsonString(),
        ["digest"] = d.Digest,
        ["created_time"] = Ms(d.CreationTime),
        ["created_by"] = d.CreatedBy,
    });

    private static JsonObject? Map(Dictionary<string, string?> values)
    {
        var map = new JsonObject(values.Where(v => v.Value is not null).Select(v => KeyValuePair.Create(v.Key, (JsonNode?)v.Value)));
        return map.Count == 0 ? null : map;
    }
}
