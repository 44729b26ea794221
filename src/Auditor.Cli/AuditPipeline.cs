using Auditor.Core.Assessment;
using Auditor.Core.Evidence;
using Auditor.Core.Facts;
using Auditor.Core.Reporting;
using Auditor.Core.Rules;
using Auditor.Core.Scoring;
using Auditor.Core.Trace;
using Auditor.Evidence.Git;
using Auditor.Evidence.MLflow;
using Auditor.Evidence.Project;
using Auditor.Reporting;
using Auditor.Rules;

namespace Auditor.Cli;

/// <summary>The whole pipeline, wired: evidence, then findings, then the scorecard, then the report model.</summary>
public static class AuditPipeline
{
    /// <summary>The report, redacted (<see cref="ReportRedaction"/>) before any command sees it.</summary>
    public static AuditReport Run(AuditSettings settings, CliEnvironment environment) =>
        ReportRedaction.Apply(Assemble(settings, environment), environment.RedactorFor(settings.TrackingUri, settings.Config.TrackingUri));

    private static AuditReport Assemble(AuditSettings settings, CliEnvironment environment)
    {
        var catalog = RuleCatalogLoader.Load(settings.RulesDirectory);
        var (rules, configProblems) = RuleSelection.Apply(catalog.Rules, settings.Config);
        var evidence = Collect(settings, environment);
        var facts = FactCatalog.Build(evidence);
        var automated = RuleEvaluator.EvaluateAll(rules, facts);
        var assessed = AssessmentApplier.Apply(rules, automated, settings.Config, DateOnly.FromDateTime(evidence.CollectedAt.UtcDateTime));
        var scorecard = Scorer.Score(catalog.Policy, assessed.Findings);
        var report = AuditReportBuilder.Build(evidence, assessed.Findings, scorecard, ToolVersion.Info, evidence.CollectedAt);
        var extra = configProblems.Concat(assessed.Problems).ToList();
        return report with
        {
            Trace = TraceBuilder.Build(evidence),
            Problems = [.. extra, .. report.Problems],
            ProblemsTotal = report.ProblemsTotal + extra.Count,
        };
    }

    /// <summary>
    /// The tracking store: <c>--tracking-uri</c>, else <c>MLFLOW_TRACKING_URI</c> (both relative to the current
    /// folder, as in MLflow), else the configuration's <c>trackingUri</c> (relative to the configuration file),
    /// else MLflow's defaults in the project folder.
    /// </summary>
    private static TrackingLocation? Locate(AuditSettings settings, CliEnvironment environment)
    {
        var fromUser = settings.TrackingUri ?? environment.Variables(TrackingUriResolver.EnvironmentVariable);
        if (fromUser is null && settings.Config is { TrackingUri: { } configured, Source: { } source })
        {
            return TrackingUriResolver.Parse(configured, Path.GetDirectoryName(source)!);
        }

        return TrackingUriResolver.Resolve(fromUser, settings.ProjectPath, _ => null, environment.CurrentDirectory);
    }

    public static EvidenceBundle Collect(AuditSettings settings, CliEnvironment environment)
    {
        var location = Locate(settings, environment);
        var repository = GitRepositoryCollector.Collect(settings.ProjectPath);
        var tracking = TrackingStoreReader.Collect(location, new TrackingReadOptions { Variables = environment.Variables, HttpHandler = environment.HttpHandler, ArtifactRoots = settings.ArtifactRoots });
        var runCommits = tracking.Value?.Runs.Select(r => r.GitCommit).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList() ?? [];
        var traced = tracking.Value is { } store ? TraceBuilder.CommitsToInspect(store, repository.Value?.ProjectPath ?? "") : new Dictionary<string, IReadOnlyList<string>>();
        return new EvidenceBundle
        {
            ProjectPath = settings.ProjectPath,
            CollectedAt = environment.Clock(),
            Repository = repository,
            Tracking = tracking,
            Commits = repository.State == CollectionState.Present ? CommitResolver.Collect(settings.ProjectPath, runCommits) : Collected<IReadOnlyList<CommitResolution>>.Absent(repository.Reason ?? "no repository"),
            CommitContents = repository.State == CollectionState.Present ? CommitContentsReader.Collect(settings.ProjectPath, traced) : Collected<IReadOnlyList<CommitContents>>.Absent(repository.Reason ?? "no repository"),
            Project = ProjectCollector.Collect(
                settings.ProjectPath,
                GitFileProvenance.Open(settings.ProjectPath),
                ProjectCollectionOptions.Default with { IgnorePaths = settings.Config.IgnorePaths }),
        };
    }
}
