using System.Globalization;
using System.Text.Json;
using Auditor.Core.Tracking;

namespace Auditor.Evidence.MLflow.FileStore;

/// <summary>
/// Reads an MLflow 3 trace folder (<c>&lt;exp&gt;/traces/tr-.../</c>): <c>trace_info.yaml</c>, the request metadata and tags
/// mlaudit uses, the span count and root span name from <c>artifacts/traces.json</c>, and <c>assessments/*.yaml</c>.
/// Every file is read through <see cref="SmallFile"/>, so none is read past its size cap.
/// </summary>
internal static class FileTraceReader
{
    public const string TraceInfo = "trace_info.yaml";

    private const string Metadata = "request_metadata";

    private static readonly string SpansFile = Path.Combine("artifacts", "traces.json");

    /// <summary>
    /// What the counts need of a trace, cheaply: its info, the logged model, source run and linked prompts, the span count from
    /// the size statistics MLflow records (the spans file is parsed only when they are missing), and its assessments.
    /// </summary>
    public static (GenAiTrace Trace, IReadOnlyList<TraceAssessment> Assessments) Scan(string folder, string experimentId, ProblemLog problems, StringPool pool)
    {
        var trace = Counted(folder, experimentId, pool);
        trace = trace with
        {
            SpanCount = SizeStatsSpans(Path.Combine(folder, Metadata, GenAiKeys.SizeStats)) ?? Spans(Path.Combine(folder, SpansFile), problems).Count,
        };
        return (trace, Assessments(Path.Combine(folder, "assessments"), trace.Id, problems, pool));
    }

    /// <summary>
    /// A trace in full, as the sample keeps it: also its git commit, session, name and root span (from the spans file);
    /// its assessments are the scan's.
    /// </summary>
    public static GenAiTrace InFull(string folder, string experimentId, ProblemLog problems, StringPool pool)
    {
        var trace = Counted(folder, experimentId, pool);
        var (spans, root) = Spans(Path.Combine(folder, SpansFile), problems);
        return trace with
        {
            GitCommit = Optional(Path.Combine(folder, Metadata), GenAiKeys.GitCommit, pool),
            Session = Optional(Path.Combine(folder, Metadata), GenAiKeys.Session, pool),
            Name = Optional(Path.Combine(folder, FileStoreLayout.Tags), GenAiKeys.TraceName, pool) ?? root,
            SpanCount = spans,
            RootSpanName = root,
        };
    }

    /// <summary>The trace's info with what it is counted by: logged model, source run, linked prompts.</summary>
    private static GenAiTrace Counted(string folder, string experimentId, StringPool pool) => Info(folder, experimentId, pool) with
    {
        ModelId = Optional(Path.Combine(folder, Metadata), GenAiKeys.ModelId, pool),
        SourceRunId = Optional(Path.Combine(folder, Metadata), GenAiKeys.SourceRun, pool),
        LinkedPrompts = PromptRef.Parse(Optional(Path.Combine(folder, FileStoreLayout.Tags), GenAiKeys.LinkedPrompts, pool)),
    };

    private static GenAiTrace Info(string folder, string experimentId, StringPool pool)
    {
        var info = YamlMap.Parse(SmallFile.ReadText(Path.Combine(folder, TraceInfo)));
        return new GenAiTrace
        {
            Id = info.String("trace_id") ?? Path.GetFileName(folder),
            ExperimentId = pool.Get(info.Map("trace_location")?.Map("mlflow_experiment")?.String("experiment_id") ?? experimentId),
            RequestTime = DateTimeOffset.TryParse(info.String("request_time"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null,
            State = pool.Get(info.String("state") ?? "STATE_UNSPECIFIED"),
        };
    }

    /// <summary>An optional value file; absent is null (checked first: most traces lack some of them, and a throw costs more than a stat).</summary>
    private static string? Optional(string folder, string key, StringPool pool)
    {
        var path = Path.Combine(folder, key);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return SmallFile.Read(path, pool, static (p, text) => p.Get(text));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary><c>num_spans</c> of the request metadata <c>mlflow.trace.sizeStats</c>; null when it is missing or unreadable.</summary>
    private static int? SizeStatsSpans(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(SmallFile.ReadText(path));
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("num_spans", out var spans) && spans.TryGetInt32(out var count) && count >= 0
                ? count
                : null;
        }
        catch (Exception e) when (e is JsonException or IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Span count and root span name; (0, null) when the trace has no spans file.</summary>
    private static (int Count, string? Root) Spans(string path, ProblemLog problems)
    {
        if (!File.Exists(path))
        {
            return (0, null);
        }

        var result = problems.Try(path, () =>
        {
            using var document = JsonDocument.Parse(SmallFile.ReadText(path));
            if (!document.RootElement.TryGetProperty("spans", out var spans) || spans.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException("no \"spans\" list");
            }

            string? root = null;
            foreach (var span in spans.EnumerateArray())
            {
                if (root is null && span.ValueKind == JsonValueKind.Object
                    && (!span.TryGetProperty("parent_span_id", out var parent) || parent.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined || parent.GetString() is "")
                    && span.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
                {
                    root = name.GetString();
                }
            }

            return Tuple.Create(spans.GetArrayLength(), root);
        });
        return result is null ? (0, null) : (result.Item1, result.Item2);
    }

    private static IReadOnlyList<TraceAssessment> Assessments(string folder, string traceId, ProblemLog problems, StringPool pool)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return StoreFolders.Files(folder, ".yaml")
            .Select(file => problems.Try(file, () => Assessment(YamlMap.Parse(SmallFile.ReadText(file)), Path.GetFileNameWithoutExtension(file), traceId, pool)))
            .OfType<TraceAssessment>()
            .ToList();
    }

    private static TraceAssessment Assessment(YamlMap yaml, string fileId, string traceId, StringPool pool)
    {
        var source = yaml.Map("source");
        var feedback = yaml.Map("feedback");
        var isFeedback = feedback is not null || yaml.Has("feedback");
        if (!isFeedback && !yaml.Has("expectation"))
        {
            throw new InvalidDataException("neither feedback nor expectation");
        }

        return new TraceAssessment
        {
            Id = yaml.String("assessment_id") ?? fileId,
            TraceId = yaml.String("trace_id") ?? traceId,
            Name = pool.Get(yaml.String("assessment_name") ?? ""),
            IsFeedback = isFeedback,
            SourceType = source?.String("source_type") is { } type ? pool.Get(type) : null,
            SourceId = source?.String("source_id") is { } sourceId ? pool.Get(sourceId) : null,
            Valid = !string.Equals(yaml.String("valid"), "false", StringComparison.OrdinalIgnoreCase),
            Overrides = yaml.String("overrides"),
            HasError = feedback?.Has("error") == true,
            SpanId = yaml.String("span_id"),
            SourceRunId = yaml.Map("metadata")?.String(GenAiKeys.AssessmentSourceRun),
        };
    }
}
