using Auditor.Core.Assessment;
using Auditor.Core.Evidence;
using Auditor.Core.Facts;
using Auditor.Core.Reporting;
using Auditor.Core.Rules;
using Auditor.Core.Scoring;
using Auditor.Core.Trace;
using Auditor.Core.Tracking;
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
        var today = DateOnly.FromDateTime(environment.Clock().UtcDateTime);
        var tracking = ProjectTrackingUri.Govern(settings, CredentialScope.For(settings, environment));
        var governed = PolicyApplier.Apply(catalog.Rules, tracking.Config, settings.Policy, today);
        settings = settings with { Config = governed.Config };
        var (rules, configProblems) = RuleSelection.Apply(catalog.Rules, settings.Config);
        var evidence = Collect(settings, environment);
        var facts = FactCatalog.Build(evidence);
        var automated = RuleEvaluator.EvaluateAll(rules, facts);
        var assessed = AssessmentApplier.Apply(rules, automated, settings.Config, today);
        var scorecard = Scorer.Score(catalog.Policy, assessed.Findings);
        var report = AuditReportBuilder.Build(evidence, assessed.Findings, scorecard, ToolVersion.Info, evidence.CollectedAt);
        var extra = tracking.Problems.Concat(governed.Problems).Concat(configProblems).Concat(assessed.Problems)
            .Concat(StoreHints.OtherStores(evidence.TrackingChoice, settings.ProjectPath, environment.CurrentDirectory)).ToList();
        return report with
        {
            Policy = new PolicySummary
            {
                Source = settings.Policy.Source,
                File = settings.Policy.File,
                Allowed = [.. tracking.Allowed, .. governed.Allowed],
                Refused = [.. tracking.Refused, .. governed.Refused],
            },
            Trace = TraceBuilder.Build(evidence),
            Applications = TraceBuilder.Applications(evidence),
            Problems = [.. extra, .. report.Problems],
            ProblemsTotal = report.ProblemsTotal + extra.Count,
        };
    }

    public static EvidenceBundle Collect(AuditSettings settings, CliEnvironment environment)
    {
        var (located, tracking) = settings.Shared is { } shared ? (shared.Located, shared.Tracking) : ReadStore(settings, environment);
        var repository = GitRepositoryCollector.Collect(settings.ProjectPath);
        var runCommits = tracking.Value?.Runs.Select(r => r.GitCommit).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList() ?? [];
        var traced = tracking.Value is { } store ? TraceBuilder.CommitsToInspect(store, repository.Value?.ProjectPath ?? "") : new Dictionary<string, IReadOnlyList<string>>();
        return new EvidenceBundle
        {
            ProjectPath = settings.ProjectPath,
            CollectedAt = environment.Clock(),
            Repository = repository,
            Tracking = tracking,
            TrackingChoice = located.Choice,
            Commits = repository.State == CollectionState.Present ? CommitResolver.Collect(settings.ProjectPath, runCommits) : Collected<IReadOnlyList<CommitResolution>>.Absent(repository.Reason ?? "no repository"),
            CommitContents = repository.State == CollectionState.Present ? CommitContentsReader.Collect(settings.ProjectPath, traced) : Collected<IReadOnlyList<CommitContents>>.Absent(repository.Reason ?? "no repository"),
            Project = ProjectCollector.Collect(
                settings.ProjectPath,
                GitFileProvenance.Open(settings.ProjectPath),
                ProjectCollectionOptions.Default with { IgnorePaths = settings.Config.IgnorePaths, OwnPaths = OwnPaths(settings) }),
        };
    }

    /// <summary>Finds and reads the project's tracking store (and the registry store, when MLFLOW_REGISTRY_URI names one).</summary>
    public static (LocatedStore Located, Collected<TrackingStore> Tracking) ReadStore(AuditSettings settings, CliEnvironment environment)
    {
        var located = TrackingSelection.Locate(settings, environment);
        var variables = CredentialScope.For(settings, environment).Filter(environment.Variables);
        var tracking = TrackingStoreReader.Collect(located.Location, new TrackingReadOptions { Variables = variables, HttpHandler = environment.HttpHandler, ArtifactRoots = settings.ArtifactRoots, ProjectPath = settings.ProjectPath, Deadline = settings.Timeout, ArtifactCredentials = settings.ArtifactCredentials });
        TrackingSelection.RequireReadable(located, tracking, settings);
        return (located, TrackingSelection.ApplyRegistry(tracking, located, settings, environment));
    }

    /// <summary>mlaudit's own files in this run, which the project collector never takes for evidence.</summary>
    private static HashSet<string> OwnPaths(AuditSettings settings) =>
        new[] { settings.Config.Source, settings.Config.AttestationsFile, settings.HistoryDirectory }
            .OfType<string>()
            .Select(p => Path.TrimEndingDirectorySeparator(Path.GetFullPath(p)))
            .ToHashSet(StringComparer.Ordinal);
}
