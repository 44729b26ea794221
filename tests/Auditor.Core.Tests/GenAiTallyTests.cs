using Auditor.Core.Tracking;

namespace Auditor.Core.Tests;

/// <summary>The tally keeps every trace as a count and only the newest of each experiment in full.</summary>
public sealed class GenAiTallyTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static GenAiTrace Trace(int i, string experiment, string? model = null, string? run = null) => new()
    {
        Id = $"tr-{i:D5}",
        ExperimentId = experiment,
        RequestTime = Start.AddMinutes(i),
        State = i % 10 == 0 ? "ERROR" : "OK",
        ModelId = model,
        SourceRunId = run,
        SpanCount = 3,
    };

    private static TraceAssessment Feedback(GenAiTrace trace) =>
        new() { Id = "a-" + trace.Id, TraceId = trace.Id, Name = "helpful", IsFeedback = true, SourceType = "HUMAN" };

    [Fact]
    public void Every_trace_is_counted_and_only_the_newest_of_each_experiment_are_kept()
    {
        var traces = Enumerable.Range(0, 250).Select(i => Trace(i, i % 5 == 0 ? "2" : "1", model: i % 2 == 0 ? "m-a" : "m-b")).ToList();

        var genai = GenAiTally.Of(traces, traces.Select(Feedback), recentLimit: 20);

        Assert.Equal(250, genai.TraceCount);
        Assert.Equal(750, genai.SpanCount);
        Assert.Equal(25, genai.TraceGroups.Where(g => g.State == "ERROR").Sum(g => g.Count));
        Assert.Equal(125, genai.TraceGroups.Where(g => g.ModelId == "m-a").Sum(g => g.Count));
        Assert.Equal(250, genai.AssessmentCount);
        var helpful = Assert.Single(genai.AssessmentGroups, a => a.ExperimentId == "1");
        Assert.Equal(200, helpful.Count);

        Assert.Equal(40, genai.RecentTraces.Count);
        Assert.Equal(traces.Where(t => t.ExperimentId == "1").TakeLast(20).Select(t => t.Id), genai.RecentTraces.Where(t => t.ExperimentId == "1").Select(t => t.Id));
        Assert.Equal(traces.Where(t => t.ExperimentId == "2").TakeLast(20).Select(t => t.Id), genai.RecentTraces.Where(t => t.ExperimentId == "2").Select(t => t.Id));
        Assert.Equal(genai.RecentTraces.OrderBy(t => t.RequestTime).Select(t => t.Id), genai.RecentTraces.Select(t => t.Id));
        Assert.Equal(genai.RecentTraces.Select(t => "a-" + t.Id).Order(StringComparer.Ordinal), genai.RecentAssessments.Select(a => a.Id).Order(StringComparer.Ordinal));

        var latest = GenAiEvidence.Latest(genai.TraceGroups)!;
        Assert.Equal("tr-00249", latest.LastId);
        Assert.Equal(Start.AddMinutes(249), latest.Last);
        Assert.Equal(Start, genai.TraceGroups.Min(g => g.First));
    }

    [Fact]
    public void Tallies_folded_apart_and_merged_equal_one_tally()
    {
        var traces = Enumerable.Range(0, 300).Select(i => Trace(i, (i % 3).ToString(System.Globalization.CultureInfo.InvariantCulture), run: i % 4 == 0 ? "eval" : null)).ToList();
        var one = new GenAiTally(10);
        var parts = new[] { new GenAiTally(10), new GenAiTally(10), new GenAiTally(10) };
        foreach (var (trace, i) in traces.Select((t, i) => (t, i)))
        {
            one.Add(trace, [Feedback(trace)]);
            parts[(i * 7) % 3].Add(trace, [Feedback(trace)]);
        }

        var merged = new GenAiTally(10);
        foreach (var part in parts)
        {
            merged.Merge(part);
        }

        var expected = one.Into(GenAiEvidence.Empty);
        var actual = merged.Into(GenAiEvidence.Empty);
        Assert.Equal(expected.TraceGroups, actual.TraceGroups, new GroupComparer());
        Assert.Equal(expected.AssessmentGroups, actual.AssessmentGroups);
        Assert.Equal(expected.Spans, actual.Spans);
        Assert.Equal(expected.RecentTraces, actual.RecentTraces);
        Assert.Equal(expected.RecentAssessments, actual.RecentAssessments);
        Assert.Equal(75, actual.TraceGroups.Where(g => g.SourceRunId == "eval").Sum(g => g.Count));
    }

    [Fact]
    public void The_part_of_some_experiments_keeps_their_counts_and_sample()
    {
        var traces = Enumerable.Range(0, 50).Select(i => Trace(i, i < 30 ? "1" : "2")).ToList();
        var genai = GenAiTally.Of(traces, traces.Select(Feedback), recentLimit: 5);

        var part = genai.InExperiments(new HashSet<string> { "2" });

        Assert.Equal(20, part.TraceCount);
        Assert.Equal(20, part.AssessmentCount);
        Assert.Equal(60, part.SpanCount);
        Assert.Equal(["tr-00045", "tr-00046", "tr-00047", "tr-00048", "tr-00049"], part.RecentTraces.Select(t => t.Id));
        Assert.All(part.RecentAssessments, a => Assert.StartsWith("a-tr-0004", a.Id, StringComparison.Ordinal));
    }

    /// <summary>Groups compared by value (a record's list of prompts compares by reference).</summary>
    private sealed class GroupComparer : IEqualityComparer<TraceGroup>
    {
        public bool Equals(TraceGroup? x, TraceGroup? y) =>
            x!.ExperimentId == y!.ExperimentId && x.State == y.State && x.ModelId == y.ModelId && x.SourceRunId == y.SourceRunId
            && x.LinkedPrompts.SequenceEqual(y.LinkedPrompts) && x.Count == y.Count && x.First == y.First && x.Last == y.Last && x.LastId == y.LastId;

        public int GetHashCode(TraceGroup obj) => HashCode.Combine(obj.ExperimentId, obj.Count);
    }
}
