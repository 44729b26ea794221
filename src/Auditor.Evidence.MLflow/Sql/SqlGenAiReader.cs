using System.Data.Common;
using System.Text.Json;
using Auditor.Core.Tracking;

namespace Auditor.Evidence.MLflow.Sql;

/// <summary>
/// Reads the MLflow 3 GenAI tables of a SQL store: <c>trace_info</c> (+ tags, request metadata, <c>spans</c> as counts),
/// <c>assessments</c> and <c>evaluation_datasets</c> (+ records, tags, <c>entity_associations</c>). A table the store
/// does not have yields nothing; GenAI tables mlaudit does not know are reported once, not read.
/// </summary>
internal sealed class SqlGenAiReader(DbConnection connection, SqlSchema schema, SqlTrackingReader grouping)
{
    /// <summary>GenAI tables of MLflow 3.x that are read, or known and deliberately not needed.</summary>
    private static readonly HashSet<string> Known =
    [
        "trace_info", "trace_tags", "trace_request_metadata", "spans", "trace_metrics", "span_metrics", "assessments",
        "evaluation_datasets", "evaluation_dataset_tags", "evaluation_dataset_records", "entity_associations",
        "scorers", "scorer_versions",
    ];

    private static readonly string[] GenAiPrefixes = ["trace", "span", "assessment", "evaluation_", "scorer", "prompt", "judge", "label"];

    public GenAiEvidence Read(IReadOnlyList<RegisteredModel> prompts, ProblemLog problems)
    {
        foreach (var table in schema.Columns.Keys.Where(t => !Known.Contains(t) && GenAiPrefixes.Any(p => t.StartsWith(p, StringComparison.Ordinal))).Order(StringComparer.Ordinal))
        {
            problems.Add(table, "GenAI table from a newer MLflow schema; not read");
        }

        return new GenAiEvidence
        {
            Prompts = prompts,
            Traces = Traces(),
            Assessments = Assessments(),
            EvaluationDatasets = EvaluationDatasets(),
            EvaluationDatasetsSupported = schema.Has("evaluation_datasets"),
        };
    }

    private List<GenAiTrace> Traces()
    {
        if (!schema.Has("trace_info"))
        {
            return [];
        }

        var metadata = schema.Has("trace_request_metadata") ? grouping.Grouped($"SELECT request_id, \"key\", \"value\" FROM trace_request_metadata WHERE \"key\" IN ({In(GenAiKeys.Metadata)})") : [];
        var tags = schema.Has("trace_tags") ? grouping.Grouped($"SELECT request_id, \"key\", \"value\" FROM trace_tags WHERE \"key\" IN ({In(GenAiKeys.Tags)})") : [];
        var spanCounts = schema.Has("spans")
            ? SqlRows.Query(connection, "SELECT trace_id, COUNT(*) FROM spans GROUP BY trace_id", r => (Id: r.Text(0)!, Count: (int)(r.Long(1) ?? 0))).ToDictionary(x => x.Id, x => x.Count, StringComparer.Ordinal)
            : [];
        var roots = schema.Has("spans")
            ? SqlRows.Query(connection, "SELECT trace_id, name FROM spans WHERE parent_span_id IS NULL OR parent_span_id = ''", r => (Id: r.Text(0)!, Name: r.Text(1)))
                .GroupBy(x => x.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal)
            : [];
        return SqlRows.Query(connection, "SELECT request_id, experiment_id, timestamp_ms, status FROM trace_info ORDER BY timestamp_ms, request_id", r =>
        {
            var id = r.Text(0)!;
            var meta = metadata.GetValueOrDefault(id) ?? CompactMap<string>.Empty;
            var tag = tags.GetValueOrDefault(id) ?? CompactMap<string>.Empty;
            var root = roots.GetValueOrDefault(id);
            return new GenAiTrace
            {
                Id = id,
                ExperimentId = r.Text(1) ?? "",
                RequestTime = r.Time(2),
                State = r.Text(3),
                ModelId = meta.GetValueOrDefault(GenAiKeys.ModelId),
                SourceRunId = meta.GetValueOrDefault(GenAiKeys.SourceRun),
                GitCommit = meta.GetValueOrDefault(GenAiKeys.GitCommit),
                Session = meta.GetValueOrDefault(GenAiKeys.Session),
                Name = tag.GetValueOrDefault(GenAiKeys.TraceName) ?? root,
                SpanCount = spanCounts.GetValueOrDefault(id),
                RootSpanName = root,
                LinkedPrompts = PromptRef.Parse(tag.GetValueOrDefault(GenAiKeys.LinkedPrompts)),
            };
        });
    }

    private List<TraceAssessment> Assessments()
    {
        if (!schema.Has("assessments"))
        {
            return [];
        }

        var runId = SqlRows.ColumnOr(schema, "assessments", "run_id", "NULL");
        var metadata = SqlRows.ColumnOr(schema, "assessments", "assessment_metadata", "NULL");
        return SqlRows.Query(connection, $"SELECT assessment_id, trace_id, name, assessment_type, error, source_type, source_id, {runId}, span_id, overrides, valid, {metadata} FROM assessments ORDER BY created_timestamp, assessment_id", r => new TraceAssessment
        {
            Id = r.Text(0)!,
            TraceId = r.Text(1)!,
            Name = r.Text(2) ?? "",
            IsFeedback = string.Equals(r.Text(3), "feedback", StringComparison.OrdinalIgnoreCase),
            HasError = !string.IsNullOrEmpty(r.Text(4)) && r.Text(4) != "null",
            SourceType = r.Text(5),
            SourceId = r.Text(6),
            SourceRunId = NonEmpty(r.Text(7)) ?? SourceRun(r.Text(11)),
            SpanId = NonEmpty(r.Text(8)),
            Overrides = NonEmpty(r.Text(9)),
            Valid = r.Bool(10),
        });
    }

    private List<EvaluationDataset> EvaluationDatasets()
    {
        if (!schema.Has("evaluation_datasets"))
        {
            return [];
        }

        var records = schema.Has("evaluation_dataset_records")
            ? SqlRows.Query(connection, "SELECT dataset_id, COUNT(*) FROM evaluation_dataset_records GROUP BY dataset_id", r => (Id: r.Text(0)!, Count: (int)(r.Long(1) ?? 0))).ToDictionary(x => x.Id, x => x.Count, StringComparer.Ordinal)
            : [];
        var tags = schema.Has("evaluation_dataset_tags") ? grouping.Grouped("SELECT dataset_id, \"key\", \"value\" FROM evaluation_dataset_tags") : [];
        var experiments = schema.Has("entity_associations")
            ? SqlRows.Query(connection, "SELECT source_id, destination_id FROM entity_associations WHERE source_type = 'evaluation_dataset' AND destination_type = 'experiment'", r => (Dataset: r.Text(0)!, Experiment: r.Text(1)!))
                .GroupBy(x => x.Dataset, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(x => x.Experiment).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal)
            : [];
        return SqlRows.Query(connection, "SELECT dataset_id, name, digest, created_by, created_time FROM evaluation_datasets", r =>
            {
                var id = r.Text(0)!;
                return new EvaluationDataset
                {
                    Id = id,
                    Name = r.Text(1) ?? "",
                    Digest = r.Text(2),
                    CreatedBy = r.Text(3),
                    CreationTime = r.Time(4),
                    RecordCount = records.GetValueOrDefault(id),
                    ExperimentIds = experiments.GetValueOrDefault(id) ?? [],
                    Tags = tags.GetValueOrDefault(id) ?? CompactMap<string>.Empty,
                };
            })
            .OrderBy(d => d.Name, StringComparer.Ordinal).ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();
    }

    private static string In(IEnumerable<string> keys) => string.Join(", ", keys.Select(k => "'" + k.Replace("'", "''", StringComparison.Ordinal) + "'"));

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string? SourceRun(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(GenAiKeys.AssessmentSourceRun, out var run) && run.ValueKind == JsonValueKind.String
                ? run.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
