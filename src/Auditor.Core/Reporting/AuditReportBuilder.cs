using Auditor.Core.Evidence;
using Auditor.Core.Rules;
using Auditor.Core.Scoring;
using Auditor.Core.Tracking;

namespace Auditor.Core.Reporting;

/// <summary>Assembles the report model from the pipeline's stages.</summary>
public static class AuditReportBuilder
{
    /// <summary>Commits and problems kept in the report (most-used commits first), so a huge store gives a report of a few MB at most.</summary>
    public const int ListCap = 1000;

    public static AuditReport Build(EvidenceBundle evidence, IReadOnlyList<Finding> findings, Scorecard scorecard, ToolInfo tool, DateTimeOffset now)
    {
        var store = evidence.Tracking.Value;
        var repo = evidence.Repository.Value;
        var commits = store is null ? [] : Commits(store, evidence.Commits.Value);
        var problems = Problems(evidence);
        return new AuditReport
        {
            Tool = tool,
            GeneratedAt = now,
            Subject = new ReportSubject
            {
                Path = evidence.ProjectPath,
                Repository = repo is null ? null : new RepositorySummary(repo.Root, repo.Head, repo.Branch, repo.Dirty, repo.Shallow),
                Tracking = Summary(evidence.TrackingChoice, evidence.Tracking),
            },
            Inventory = store is null ? Inventory.Empty : Count(store),
            Maturity = new MaturityResult(scorecard.Level, scorecard.Levels),
            Categories = scorecard.Categories,
            Findings = findings,
            Commits = commits.Take(ListCap).ToList(),
            CommitsTotal = commits.Count,
            Problems = problems.Take(ListCap).ToList(),
            ProblemsTotal = problems.Count,
            RunsOverTime = store is null ? [] : RunsOverTime(store),
        };
    }

    /// <summary>The store tried and how it read; a store that read with problems is partial.</summary>
    public static TrackingSummary Summary(TrackingChoice choice, Collected<TrackingStore> tracking) =>
        new(tracking.Value?.Uri ?? choice.Uri, tracking.Value?.Kind ?? choice.Kind)
        {
            Source = choice.Source,
            State = tracking.State switch
            {
                CollectionState.Present => tracking.Value!.Problems.Count > 0 ? TrackingState.Partial : TrackingState.Read,
                CollectionState.Partial => TrackingState.Partial,
                CollectionState.Failed => TrackingState.Unreadable,
                _ => TrackingState.None,
            },
            Reason = tracking.Reason,
            PartlyRead = tracking.State == CollectionState.Partial ? tracking.Reason : null,
            OtherStores = choice.OtherStores,
        };

    /// <summary>Runs per calendar month (UTC) of their start time; runs without a start time are left out.</summary>
    public static IReadOnlyList<RunPeriod> RunsOverTime(TrackingStore store) =>
        store.Runs.Where(r => r.StartTime is not null)
            .GroupBy(r => r.StartTime!.Value.UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new RunPeriod(g.Key, g.Count(), g.Count(r => r.GitCommit is not null)))
            .ToList();

    public static Inventory Count(TrackingStore store)
    {
        var activeRuns = store.Runs.Count(r => r.Lifecycle == Lifecycle.Active);
        var activeExperiments = store.Experiments.Count(e => e.Lifecycle == Lifecycle.Active);
        return new Inventory
        {
            Experiments = new ExperimentCounts(store.Experiments.Count, activeExperiments, store.Experiments.Count - activeExperiments),
            Runs = new RunCounts
            {
                Total = store.Runs.Count,
                Active = activeRuns,
                Deleted = store.Runs.Count - activeRuns,
                ByStatus = store.Runs.GroupBy(r => r.Status.ToString().ToUpperInvariant())
                    .OrderBy(g => g.Key, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Count()),
                WithGitCommit = store.Runs.Count(r => r.GitCommit is not null),
            },
            RegisteredModels = store.RegisteredModels.Count,
            ModelVersions = store.RegisteredModels.Sum(m => m.Versions.Count),
            LoggedModels = store.LoggedModels.Count,
            GenAi = GenAiCounts.Of(store),
        };
    }

    private static IReadOnlyList<CommitUsage> Commits(TrackingStore store, IReadOnlyList<CommitResolution>? resolved)
    {
        var states = (resolved ?? []).DistinctBy(r => r.Sha, StringComparer.OrdinalIgnoreCase).ToDictionary(r => r.Sha, r => r.State, StringComparer.OrdinalIgnoreCase);
        return store.Runs.Where(r => r.GitCommit is not null)
            .GroupBy(r => r.GitCommit!, StringComparer.Ordinal)
            .Select(g => new CommitUsage(g.Key, g.Count(), states.GetValueOrDefault(g.Key, CommitPresence.Unknown)))
            .OrderByDescending(c => c.Runs).ThenBy(c => c.Sha, StringComparer.Ordinal)
            .ToList();
    }

    private static IReadOnlyList<string> Problems(EvidenceBundle evidence)
    {
        var problems = new List<string>();
        if (evidence.Repository.State == CollectionState.Failed)
        {
            problems.Add($"repository: {evidence.Repository.Reason}");
        }

        if (evidence.Tracking.State is CollectionState.Failed or CollectionState.Partial)
        {
            var how = evidence.Tracking.State == CollectionState.Partial ? "was read only in part" : "could not be read";
            problems.Add($"tracking store{(evidence.TrackingChoice.Uri is { } uri ? " " + uri : "")}: {how}, so its rules are unknown: {evidence.Tracking.Reason}");
        }

        if (evidence.Commits.State == CollectionState.Failed)
        {
            problems.Add($"commits: {evidence.Commits.Reason}");
        }

        if (evidence.Project.State == CollectionState.Failed)
        {
            problems.Add($"project files: {evidence.Project.Reason}");
        }

        problems.AddRange(evidence.Tracking.Value?.Problems.Select(p => $"{p.Path}: {p.Message}") ?? []);
        problems.AddRange(evidence.Project.Value?.Skipped.Select(s => $"project files: {s.Path}: {s.Reason}") ?? []);
        return problems;
    }
}
