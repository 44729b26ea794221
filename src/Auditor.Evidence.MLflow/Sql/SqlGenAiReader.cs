using System.Data.Common;
using System.Text.Json;
using Auditor.Core.Tracking;

namespace Auditor.Evidence.MLflow.Sql;

/// <summary>
/// Reads the MLflow 3 GenAI tables of a SQL store: <c>trace_info</c> (+ tags, request metadata, <c>spans</c> as counts),
/// <c>assessments</c> and <c>evaluation_datasets</c> (+ records, tags, <c>entity_associations</c>). A table the store
/// does not have yields nothing; GenAI tables mlaudit does not know are reported once, not read.
/// </summary>
/// <param name="openScan">Opens a scan connection to the same database where one can be had (SQLite, in process):
/// the traces and the assessments are then counted in process, each on a connection of its own, at once.</param>
internal sealed class SqlGenAiReader(DbConnection connection, SqlSchema schema, IGroupedQuery grouped, Func<SqliteScanConnection>? openScan = null)
{
    /// <summary>GenAI tables of MLflow 3.x that are read, or known and deliberately not needed.</summary>
    private static readonly HashSet<string> Known =
    [
        "trace_info", "trace_tags", "trace_request_metadata", "spans", "trace_metrics", "span_metrics", "assessments",
        "evaluation_datasets", "evaluation_dataset_tags", "evaluation_dataset_records", "entity_associations",
        "scorers", "scorer_versions",
    ];

    private static readonly string[] GenAiPrefixes = ["trace", "span", "assessment", "evaluation_", "scorer", "prompt", "judge", "label"];

    private readonly StringPool _pool = new();

    /// <summary>Traces, assessments and evaluation datasets; the prompts are the registry reader's.</summary>
    public GenAiEvidence Read(ProblemLog problems)
    {
        foreach (var table in schema.Columns.Keys.Where(t => !Known.Contains(t) && GenAiPrefixes.Any(p => t.StartsWith(p, StringComparison.Ordinal))).Order(StringComparer.Ordinal))
        {
            problems.Add(table, "GenAI table from a newer MLflow schema; not read");
        }

        var evidence = new GenAiEvidence
        {
            EvaluationDatasets = EvaluationDatasets(),
            EvaluationDatasetsSupported = schema.Has("evaluation_datasets"),
        };
        if (!schema.Has("trace_info"))
        {
            return evidence;
        }

        // SQLite counts in process, the traces and the assessments at once (see SqliteGenAiCounts); a database server
        // counts with GROUP BY.
        List<TraceGroup> groups;
        List<AssessmentGroup> assessmentGroups;
        if (openScan is not null)
        {
            (groups, assessmentGroups) = SqliteGenAiCounts.Count(openScan, schema);
        }
        else
        {
            groups = TraceGroups();
            var experiments = groups.GroupBy(g => g.ExperimentId, StringComparer.Ordinal).OrderByDescending(g => g.Sum(x => x.Count)).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToList();
            assessmentGroups = AssessmentGroups(experiments);
        }

        groups = TraceGroup.InOrder(groups);
        var recent = RecentTraces(groups.Select(g => g.ExperimentId).Distinct(StringComparer.Ordinal));
        return evidence with
        {
            TraceGroups = groups,
            AssessmentGroups = AssessmentGroup.Summed(assessmentGroups),
            Spans = Spans(),
            RecentTraces = recent,
            RecentAssessments = Assessments(recent),
        };
    }

    /// <summary>
    /// The traces counted by experiment, state, logged model, source run and linked prompts in one grouped query (on a
    /// database server; SQLite counts in process); the lookups go through the metadata and tag tables' primary keys
    /// (key, request_id). A group's latest trace id is then looked up through the (experiment_id, timestamp_ms) index:
    /// the smallest id of the experiment's traces at that time.
    /// </summary>
    private List<TraceGroup> TraceGroups()
    {
        var model = schema.Has("trace_request_metadata") ? Lookup("trace_request_metadata", "m", GenAiKeys.ModelId) : null;
        var run = schema.Has("trace_request_metadata") ? Lookup("trace_request_metadata", "s", GenAiKeys.SourceRun) : null;
        var prompts = schema.Has("trace_tags") ? Lookup("trace_tags", "p", GenAiKeys.LinkedPrompts) : null;
        var groups = SqlRows.Query(
            connection,
            $"SELECT t.experiment_id, t.status, {(model is null ? "NULL" : "m.\"value\"")}, {(run is null ? "NULL" : "s.\"value\"")}, {(prompts is null ? "NULL" : "p.\"value\"")}, " +
            $"COUNT(*), MIN(t.timestamp_ms), MAX(t.timestamp_ms) FROM trace_info t {model} {run} {prompts} GROUP BY t.experiment_id, t.status, 3, 4, 5",
            r => new TraceGroup
            {
                ExperimentId = r.Text(0) ?? "",
                State = r.Text(1),
                ModelId = NonEmpty(r.Text(2)),
                SourceRunId = NonEmpty(r.Text(3)),
                LinkedPrompts = PromptRef.Parse(r.Text(4)),
                Count = (int)(r.Long(5) ?? 0),
                First = r.Time(6),
                Last = r.Time(7),
            });
        var lastIds = groups.Where(g => g.Last is not null).Select(g => (g.ExperimentId, Ms: g.Last!.Value.ToUnixTimeMilliseconds())).Distinct()
            .ToDictionary(k => k, k => SqlRows.Query(connection, $"SELECT MIN(request_id) FROM trace_info WHERE experiment_id = {Literal(k.ExperimentId)} AND timestamp_ms = {k.Ms}", r => r.Text(0)).SingleOrDefault());
        return groups.Select(g => g.Last is { } last ? g with { LastId = lastIds[(g.ExperimentId, last.ToUnixTimeMilliseconds())] } : g).ToList();

        static string Lookup(string table, string alias, string key) =>
            $"LEFT JOIN {table} {alias} ON {alias}.\"key\" = {Literal(key)} AND {alias}.request_id = t.request_id";
    }

    /// <summary>Spans per experiment, counted by the spans table's experiment index (through trace_info where it has no such column).</summary>
    private SortedDictionary<string, int> Spans()
    {
        if (!schema.Has("spans"))
        {
            return new(StringComparer.Ordinal);
        }

        var sql = schema.Has("spans", "experiment_id")
            ? "SELECT experiment_id, COUNT(*) FROM spans GROUP BY experiment_id"
            : "SELECT t.experiment_id, COUNT(*) FROM spans s JOIN trace_info t ON t.request_id = s.trace_id GROUP BY t.experiment_id";
        return new(SqlRows.Query(connection, sql, r => (Experiment: r.Text(0) ?? "", Count: (int)(r.Long(1) ?? 0)))
            .ToDictionary(x => x.Experiment, x => x.Count, StringComparer.Ordinal), StringComparer.Ordinal);
    }

    /// <summary>
    /// Assessments counted by experiment, name, kind, source type, validity and source run. The run is the
    /// <c>run_id</c> column, else the metadata's <c>mlflow.assessment.sourceRunId</c>: rows are grouped by the raw
    /// metadata text and summed afterwards (<see cref="AssessmentGroup.Summed"/>), so its JSON is parsed once per distinct text. Joining every assessment to its
    /// trace for the experiment costs a lookup per row; instead the whole table is counted once, the experiments other
    /// than the one with most traces are counted through their traces (an index lookup per trace), and the largest
    /// one gets the rest. An assessment whose trace is missing (the schema's foreign key forbids it) thus counts under
    /// the experiment with most traces.
    /// </summary>
    /// <param name="experiments">The experiments holding traces, the one with most traces first.</param>
    private List<AssessmentGroup> AssessmentGroups(IReadOnlyList<string> experiments)
    {
        if (!schema.Has("assessments") || experiments.Count == 0)
        {
            return [];
        }

        var all = Assessments(null, "");
        var others = experiments.Skip(1).SelectMany(e => Assessments($"WHERE a.trace_id IN (SELECT request_id FROM trace_info WHERE experiment_id = {Literal(e)})", e)).ToList();
        var rest = new Dictionary<AssessmentGroup, int>();
        foreach (var group in all)
        {
            var key = group with { ExperimentId = experiments[0], Count = 0 };
            rest[key] = rest.GetValueOrDefault(key) + group.Count;
        }

        foreach (var group in others)
        {
            var key = group with { ExperimentId = experiments[0], Count = 0 };
            rest[key] = rest.GetValueOrDefault(key) - group.Count;
        }

        return rest.Where(r => r.Value > 0).Select(r => r.Key with { Count = r.Value }).Concat(others).ToList();

        List<AssessmentGroup> Assessments(string? where, string experiment)
        {
            var runId = SqlRows.ColumnOr(schema, "assessments", "run_id", "NULL", "a");
            var metadata = SqlRows.ColumnOr(schema, "assessments", "assessment_metadata", "NULL", "a");
            return SqlRows.Query(
                connection,
                $"SELECT a.name, a.assessment_type, a.source_type, a.valid, {runId}, {metadata}, COUNT(*) FROM assessments a {where} GROUP BY a.name, a.assessment_type, a.source_type, a.valid, 5, 6",
                r => new AssessmentGroup
                {
                    ExperimentId = experiment,
                    Name = r.Text(0) ?? "",
                    IsFeedback = IsFeedback(r.Text(1)),
                    SourceType = r.Text(2),
                    Valid = r.Bool(3),
                    SourceRunId = NonEmpty(r.Text(4)) ?? SourceRun(r.Text(5)),
                    Count = (int)(r.Long(6) ?? 0),
                });
        }
    }

    /// <summary>The newest traces of each experiment (at most <see cref="GenAiEvidence.RecentLimit"/>), in full, oldest first.</summary>
    private List<GenAiTrace> RecentTraces(IEnumerable<string> experiments)
    {
        var heads = experiments.SelectMany(e => SqlRows.Query(
                connection,
                $"SELECT request_id, experiment_id, timestamp_ms, status FROM trace_info WHERE experiment_id = {Literal(e)} ORDER BY timestamp_ms DESC, request_id LIMIT {GenAiEvidence.RecentLimit}",
                r => (Id: r.Text(0)!, Experiment: r.Text(1) ?? "", Time: r.Time(2), State: r.Text(3))))
            .ToList();
        if (heads.Count == 0)
        {
            return [];
        }

        var ids = In(heads.Select(h => h.Id));
        var metadata = schema.Has("trace_request_metadata") ? grouped.Run($"SELECT request_id, \"key\", \"value\" FROM trace_request_metadata WHERE request_id IN ({ids}) AND \"key\" IN ({In(GenAiKeys.Metadata)})", _pool) : [];
        var tags = schema.Has("trace_tags") ? grouped.Run($"SELECT request_id, \"key\", \"value\" FROM trace_tags WHERE request_id IN ({ids}) AND \"key\" IN ({In(GenAiKeys.Tags)})", _pool) : [];
        var spans = schema.Has("spans")
            ? SqlRows.Query(connection, $"SELECT trace_id, parent_span_id, name FROM spans WHERE trace_id IN ({ids})", r => (Id: r.Text(0)!, Root: string.IsNullOrEmpty(r.Text(1)), Name: r.Text(2)))
                .GroupBy(x => x.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (Count: g.Count(), Root: g.FirstOrDefault(x => x.Root).Name), StringComparer.Ordinal)
            : [];
        return heads.Select(h =>
            {
                var meta = metadata.GetValueOrDefault(h.Id) ?? CompactMap<string>.Empty;
                var tag = tags.GetValueOrDefault(h.Id) ?? CompactMap<string>.Empty;
                var (count, root) = spans.GetValueOrDefault(h.Id);
                return new GenAiTrace
                {
                    Id = h.Id,
                    ExperimentId = h.Experiment,
                    RequestTime = h.Time,
                    State = h.State,
                    ModelId = meta.GetValueOrDefault(GenAiKeys.ModelId),
                    SourceRunId = meta.GetValueOrDefault(GenAiKeys.SourceRun),
                    GitCommit = meta.GetValueOrDefault(GenAiKeys.GitCommit),
                    Session = meta.GetValueOrDefault(GenAiKeys.Session),
                    Name = tag.GetValueOrDefault(GenAiKeys.TraceName) ?? root,
                    SpanCount = count,
                    RootSpanName = root,
                    LinkedPrompts = PromptRef.Parse(tag.GetValueOrDefault(GenAiKeys.LinkedPrompts)),
                };
            })
            .OrderBy(t => t.RequestTime).ThenBy(t => t.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The assessments on some traces, in full, in the order they were made.</summary>
    private List<TraceAssessment> Assessments(IReadOnlyList<GenAiTrace> traces)
    {
        if (!schema.Has("assessments") || traces.Count == 0)
        {
            return [];
        }

        var runId = SqlRows.ColumnOr(schema, "assessments", "run_id", "NULL");
        var metadata = SqlRows.ColumnOr(schema, "assessments", "assessment_metadata", "NULL");
        return SqlRows.Query(connection, $"SELECT assessment_id, trace_id, name, assessment_type, error, source_type, source_id, {runId}, span_id, overrides, valid, {metadata} FROM assessments WHERE trace_id IN ({In(traces.Select(t => t.Id))}) ORDER BY created_timestamp, assessment_id", r => new TraceAssessment
        {
            Id = r.Text(0)!,
            TraceId = r.Text(1)!,
            Name = r.Text(2) ?? "",
            IsFeedback = IsFeedback(r.Text(3)),
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
        var tags = schema.Has("evaluation_dataset_tags") ? grouped.Run("SELECT dataset_id, \"key\", \"value\" FROM evaluation_dataset_tags", _pool) : [];
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

    private static string In(IEnumerable<string> keys) => string.Join(", ", keys.Select(Literal));

    /// <summary>A SQL string literal; a number stays a number, so it compares with integer columns on every database.</summary>
    private static string Literal(string value) =>
        long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _) ? value : "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static bool IsFeedback(string? type) => string.Equals(type, "feedback", StringComparison.OrdinalIgnoreCase);

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    internal static string? SourceRun(string? json)
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
