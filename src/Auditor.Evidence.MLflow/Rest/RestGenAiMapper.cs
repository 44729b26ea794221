using System.Globalization;
using System.Text.Json;
using Auditor.Core.Tracking;

namespace Auditor.Evidence.MLflow.Rest;

/// <summary>
/// MLflow 3's GenAI messages as the 3.11 server sends them (rest-examples-3.11-genai): TraceInfo v3 with its
/// <c>trace_metadata</c> and <c>tags</c> maps and its assessments inline, and evaluation datasets whose <c>tags</c> are
/// one JSON-encoded string. The span count is the <c>num_spans</c> of the metadata <c>mlflow.trace.sizeStats</c>; the
/// root span's name is not in a TraceInfo, so it stays unknown over REST.
/// </summary>
internal static class RestGenAiMapper
{
    public const string SizeStats = "mlflow.trace.sizeStats";

    public static (GenAiTrace Trace, List<TraceAssessment> Assessments) Trace(JsonElement e)
    {
        var id = e.Str("trace_id") ?? "";
        var metadata = Map(e.Object("trace_metadata"));
        var tags = Map(e.Object("tags"));
        var trace = Trace(id, e.Object("trace_location").Object("mlflow_experiment").Str("experiment_id"), Rfc3339(e.Str("request_time")), e.Str("state"), metadata, tags);
        return (trace, e.Array("assessments").Select(a => Assessment(a, id)).ToList());
    }

    /// <summary>
    /// A TraceInfo v2 of the deprecated <c>GET /api/2.0/mlflow/traces</c> (rest-examples-3.11-genai
    /// <c>traces-v2-search-page*</c>): <c>request_id</c>, <c>experiment_id</c>, <c>timestamp_ms</c> a number,
    /// <c>status</c>, <c>request_metadata</c> and <c>tags</c> as key/value lists. It carries no assessments.
    /// </summary>
    public static GenAiTrace TraceV2(JsonElement e)
    {
        var metadata = Pairs(e.Array("request_metadata"));
        var tags = Pairs(e.Array("tags"));
        return Trace(e.Str("request_id") ?? "", e.Str("experiment_id"), e.Time("timestamp_ms"), e.Str("status"), metadata, tags);
    }

    /// <summary>A trace from what v3 and v2 both carry: its metadata and tags, mapped the same way.</summary>
    private static GenAiTrace Trace(string id, string? experimentId, DateTimeOffset? requestTime, string? state, IReadOnlyDictionary<string, string> metadata, IReadOnlyDictionary<string, string> tags) => new()
    {
        Id = id,
        ExperimentId = experimentId ?? "",
        RequestTime = requestTime,
        State = state,
        ModelId = metadata.GetValueOrDefault(GenAiKeys.ModelId),
        SourceRunId = metadata.GetValueOrDefault(GenAiKeys.SourceRun),
        GitCommit = metadata.GetValueOrDefault(GenAiKeys.GitCommit),
        Session = metadata.GetValueOrDefault(GenAiKeys.Session),
        Name = tags.GetValueOrDefault(GenAiKeys.TraceName),
        SpanCount = SpanCount(metadata.GetValueOrDefault(SizeStats)),
        LinkedPrompts = PromptRef.Parse(tags.GetValueOrDefault(GenAiKeys.LinkedPrompts)),
    };

    public static TraceAssessment Assessment(JsonElement e, string traceId)
    {
        var feedback = e.Object("feedback");
        var isFeedback = e.ValueKind == JsonValueKind.Object && e.TryGetProperty("feedback", out _);
        var source = e.Object("source");
        return new TraceAssessment
        {
            Id = e.Str("assessment_id") ?? "",
            TraceId = e.Str("trace_id") ?? traceId,
            Name = e.Str("assessment_name") ?? "",
            IsFeedback = isFeedback,
            HasError = feedback.ValueKind == JsonValueKind.Object && feedback.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object,
            SourceType = source.Str("source_type"),
            SourceId = source.Str("source_id"),
            SourceRunId = NonEmpty(e.Str("run_id")) ?? NonEmpty(e.Object("metadata").Str(GenAiKeys.AssessmentSourceRun)),
            SpanId = NonEmpty(e.Str("span_id")),
            Overrides = NonEmpty(e.Str("overrides")),
            Valid = e.Str("valid") != "false",
        };
    }

    /// <summary>A dataset of <c>datasets/search</c>; its records and experiments come from their own endpoints.</summary>
    public static EvaluationDataset Dataset(JsonElement e) => new()
    {
        Id = e.Str("dataset_id") ?? "",
        Name = e.Str("name") ?? "",
        Digest = e.Str("digest"),
        CreatedBy = e.Str("created_by"),
        CreationTime = e.Time("created_time"),
        Tags = EncodedMap(e.Str("tags")),
    };

    /// <summary>The records of one <c>datasets/{id}/records</c> page: <c>records</c> is one JSON-encoded list.</summary>
    public static int RecordCount(JsonElement page)
    {
        if (page.Str("records") is not { Length: > 0 } text)
        {
            return page.Array("records").Count();
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement.GetArrayLength() : 0;
    }

    private static int SpanCount(string? sizeStats)
    {
        if (string.IsNullOrEmpty(sizeStats))
        {
            return 0;
        }

        try
        {
            using var document = JsonDocument.Parse(sizeStats);
            return document.RootElement.Long("num_spans") is { } n and >= 0 and <= int.MaxValue ? (int)n : 0;
        }
        catch (JsonException)
        {
            return 0;
        }
    }

    /// <summary>A protobuf map field: a JSON object of strings.</summary>
    private static Dictionary<string, string> Map(JsonElement e)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (e.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in e.EnumerateObject())
            {
                if (e.Str(p.Name) is { } value)
                {
                    result[p.Name] = value;
                }
            }
        }

        return result;
    }

    /// <summary>A list of <c>{"key", "value"}</c> objects; a later key wins, as in the server's dictionary.</summary>
    private static Dictionary<string, string> Pairs(IEnumerable<JsonElement> items)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (item.Str("key") is { } key && item.Str("value") is { } value)
            {
                result[key] = value;
            }
        }

        return result;
    }

    private static Dictionary<string, string> EncodedMap(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return Map(document.RootElement);
        }
        catch (JsonException)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }
    }

    private static DateTimeOffset? Rfc3339(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) ? time : null;

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
