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
        var today = DateOnly.FromDateTime(environment.Clock().UtcDateTime);
        var tracking = ProjectTrackingUri.Govern(settings, CredentialScope.For(settings, environment));

        // The rules load while the evidence is collected: collection reads only the tracking URI, ignore paths and
        // mlaudit's own files from the configuration, which the policy over rules (below) leaves as they are.
        var collecting = Task.Run(() => Collect(settings with { Config = tracking.Config }, environment));
        var catalog = LoadRules(settings, collecting);
        var governed = PolicyApplier.Apply(catalog.Rules, tracking.Config, settings.Policy, today);
        settings = settings with { Config = governed.Config };
        var (rules, configProblems) = RuleSelection.Apply(catalog.Rules, settings.Config);
        var collected = collecting.GetAwaiter().GetResult();
        var evidence = collected with { Traces = TraceBuilder.Build(collected) };
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
            Trace = evidence.Traces,
            Applications = TraceBuilder.Applications(evidence),
            Problems = [.. extra, .. report.Problems],
            ProblemsTotal = report.ProblemsTotal + extra.Count,
        };
    }

    /// <summary>
    /// The rule catalogue, loaded while <paramref name="collecting"/> runs. A rule file that fails stops the audit as
    /// before, with its own error first, once the collection has finished (nothing is left running behind the error).
    /// </summary>
    private static RuleCatalog LoadRules(AuditSettings settings, Task collecting)
    {
        try
        {
            return RuleCatalogLoader.Load(settings.RulesDirectory);
        }
        catch
        {
            Settle(collecting);
            throw;
        }
    }

    /// <summary>
    /// Collects the evidence: the store read, the git collection and the project scan run at the same time (none needs
    /// another); the commit lookups, which need the store's commits and the repository, follow. The store's failure is
    /// reported first, as when the collectors ran one after the other.
    /// </summary>
    public static EvidenceBundle Collect(AuditSettings settings, CliEnvironment environment)
    {
        var reading = settings.Shared is { } shared ? Task.FromResult((shared.Located, shared.Tracking)) : Task.Run(() => ReadStore(settings, environment));
        var scanning = Task.Run(() => ProjectCollector.Collect(
            settings.ProjectPath,
            GitFileProvenance.Open(settings.ProjectPath),
            ProjectCollectionOptions.Default with { IgnorePaths = settings.Config.IgnorePaths, OwnPaths = OwnPaths(settings) }));
        var repository = GitRepositoryCollector.Collect(settings.ProjectPath);
        (LocatedStore Located, Collected<TrackingStore> Tracking) read;
        try
        {
            read = reading.GetAwaiter().GetResult();
        }
        catch
        {
            Settle(scanning);
            throw;
        }

        var (located, tracking) = read;
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
            Project = scanning.GetAwaiter().GetResult(),
        };
    }

    /// <summary>Waits for a task whose result is no longer wanted, so that nothing runs on behind an error.</summary>
    private static void Settle(Task task)
    {
        try
        {
            task.GetAwaiter().GetResult();
        }
        catch (Exception)
        {
            // An error already stops the audit; this one is not the first.
        }
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
