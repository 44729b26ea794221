namespace Auditor.Core.Tracking;

/// <summary>
/// Folds traces and their assessments, one at a time, into what <see cref="GenAiEvidence"/> keeps: trace and assessment
/// groups, spans per experiment, and the newest traces as a bounded sample. Memory grows with the number of distinct
/// groups and the sample size (the newest traces of each experiment), never with the number of traces. Not thread-safe: fold in parallel into one tally per
/// worker and <see cref="Merge"/> them.
/// </summary>
public sealed class GenAiTally(int recentLimit = GenAiEvidence.RecentLimit)
{
    private readonly Dictionary<(string Experiment, string? State, string? Model, string? Run, string Prompts), Traces> _traces = [];
    private readonly Dictionary<AssessmentGroup, int> _assessments = [];
    private readonly Dictionary<string, int> _spans = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<GenAiTrace>> _recent = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<TraceAssessment>> _recentAssessments = new(StringComparer.Ordinal);

    /// <summary>Adds one trace and the assessments on it.</summary>
    public void Add(GenAiTrace trace, IReadOnlyList<TraceAssessment> assessments)
    {
        AddGroup(Group(trace), 1, trace.RequestTime, trace.RequestTime, trace.RequestTime is null ? null : trace.Id, trace.LinkedPrompts);
        _spans[trace.ExperimentId] = _spans.GetValueOrDefault(trace.ExperimentId) + trace.SpanCount;
        foreach (var a in assessments)
        {
            AddAssessment(a, trace.ExperimentId, 1);
        }

        AddRecent(trace, assessments);
    }

    private void AddRecent(GenAiTrace trace, IReadOnlyList<TraceAssessment> assessments)
    {
        if (!_recent.TryGetValue(trace.ExperimentId, out var recent))
        {
            _recent[trace.ExperimentId] = recent = new SortedSet<GenAiTrace>(NewestFirst.Instance);
        }

        if (recent.Count >= recentLimit && NewestFirst.Instance.Compare(trace, recent.Max!) > 0)
        {
            return;
        }

        recent.Add(trace);
        _recentAssessments[trace.Id] = assessments;
        if (recent.Count > recentLimit)
        {
            var oldest = recent.Max!;
            recent.Remove(oldest);
            _recentAssessments.Remove(oldest.Id);
        }
    }

    /// <summary>Adds what <paramref name="other"/> folded.</summary>
    public void Merge(GenAiTally other)
    {
        foreach (var (key, t) in other._traces)
        {
            AddGroup(key, t.Count, t.First, t.Last, t.LastId, t.Prompts);
        }

        foreach (var (group, count) in other._assessments)
        {
            _assessments[group] = _assessments.GetValueOrDefault(group) + count;
        }

        foreach (var (experiment, spans) in other._spans)
        {
            _spans[experiment] = _spans.GetValueOrDefault(experiment) + spans;
        }

        foreach (var trace in other._recent.Values.SelectMany(r => r))
        {
            AddRecent(trace, other._recentAssessments[trace.Id]);
        }
    }

    /// <summary><paramref name="evidence"/> with what was folded as its traces and assessments.</summary>
    public GenAiEvidence Into(GenAiEvidence evidence)
    {
        var recent = _recent.Values.SelectMany(r => r).OrderBy(t => t.RequestTime).ThenBy(t => t.Id, StringComparer.Ordinal).ToList();
        return evidence with
        {
            TraceGroups = TraceGroup.InOrder(_traces.Select(t => new TraceGroup
            {
                ExperimentId = t.Key.Experiment, State = t.Key.State, ModelId = t.Key.Model, SourceRunId = t.Key.Run, LinkedPrompts = t.Value.Prompts,
                Count = t.Value.Count, First = t.Value.First, Last = t.Value.Last, LastId = t.Value.LastId,
            })),
            AssessmentGroups = AssessmentGroup.Summed(_assessments.Select(a => a.Key with { Count = a.Value })),
            Spans = new SortedDictionary<string, int>(_spans, StringComparer.Ordinal),
            RecentTraces = recent,
            RecentAssessments = recent.SelectMany(t => _recentAssessments[t.Id]).ToList(),
        };
    }

    /// <summary>
    /// Evidence counting these traces and assessments, keeping <paramref name="recentLimit"/> of each experiment's newest in
    /// full (an assessment on an unknown trace counts under experiment "").
    /// </summary>
    public static GenAiEvidence Of(IEnumerable<GenAiTrace> traces, IEnumerable<TraceAssessment> assessments, int recentLimit = int.MaxValue, GenAiEvidence? evidence = null)
    {
        var byTrace = assessments.ToLookup(a => a.TraceId, StringComparer.Ordinal);
        var tally = new GenAiTally(recentLimit);
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var trace in traces)
        {
            known.Add(trace.Id);
            tally.Add(trace, byTrace[trace.Id].ToList());
        }

        foreach (var a in byTrace.Where(g => !known.Contains(g.Key)).SelectMany(g => g))
        {
            tally.AddAssessment(a, "", 1);
        }

        return tally.Into(evidence ?? GenAiEvidence.Empty);
    }

    private static (string, string?, string?, string?, string) Group(GenAiTrace t) =>
        (t.ExperimentId, t.State, t.ModelId, t.SourceRunId, string.Join(",", t.LinkedPrompts));

    private void AddGroup((string Experiment, string? State, string? Model, string? Run, string Prompts) key, int count, DateTimeOffset? first, DateTimeOffset? last, string? lastId, IReadOnlyList<PromptRef> prompts)
    {
        if (!_traces.TryGetValue(key, out var t))
        {
            _traces[key] = t = new Traces { Prompts = prompts };
        }

        t.Count += count;
        t.First = t.First is null || (first is not null && first < t.First) ? first : t.First;
        if (last is not null && (t.Last is null || last > t.Last || (last == t.Last && string.CompareOrdinal(lastId, t.LastId) < 0)))
        {
            t.Last = last;
            t.LastId = lastId;
        }
    }

    private void AddAssessment(TraceAssessment a, string experimentId, int count)
    {
        var group = new AssessmentGroup { ExperimentId = experimentId, Name = a.Name, IsFeedback = a.IsFeedback, SourceType = a.SourceType, Valid = a.Valid, SourceRunId = a.SourceRunId, Count = 0 };
        _assessments[group] = _assessments.GetValueOrDefault(group) + count;
    }

    private sealed class Traces
    {
        public int Count;
        public DateTimeOffset? First;
        public DateTimeOffset? Last;
        public string? LastId;
        public required IReadOnlyList<PromptRef> Prompts;
    }

    /// <summary>Newest first; among traces of the same time, the smallest id first; traces without a time last.</summary>
    private sealed class NewestFirst : IComparer<GenAiTrace>
    {
        public static readonly NewestFirst Instance = new();

        public int Compare(GenAiTrace? x, GenAiTrace? y)
        {
            var byTime = Nullable.Compare(y!.RequestTime, x!.RequestTime);
            return byTime != 0 ? byTime : string.CompareOrdinal(x.Id, y.Id);
        }
    }
}
