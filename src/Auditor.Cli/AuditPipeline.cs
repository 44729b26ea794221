using Auditor.Core.Assessment;
using Auditor.Core.Evidence;
using Auditor.Core.Facts;
using Auditor.Core.Reporting;
using Auditor.Core.Rules;
using Auditor.Core.Scoring;
using Auditor.Evidence.Git;
using Auditor.Evidence.MLflow;
using Auditor.Rules;

namespace Auditor.Cli;

/// <summary>The whole pipeline, wired: evidence, then findings, then the scorecard, then the report model.</summary>
public static class AuditPipeline
{
    public static AuditReport Run(AuditSettings settings, CliEnvironment environment)
    {
        var catalog = RuleCatalogLoader.Load(settings.RulesDirectory);
        var (rules, configProblems) = RuleSelection.Apply(catalog.Rules, settings.Config);
        var evidence = Collect(settings, environment);
        var facts = FactCatalog.Build(evidence);
        var automated = RuleEvaluator.EvaluateAll(rules, facts);
        var assessed = AssessmentApplier.Apply(rules, automated, settings.Config, DateOnly.FromDateTime(evidence.CollectedAt.UtcDateTime));
        var scorecard = Scorer.Score(catalog.Policy, assessed.Findings);
        var report = AuditReportBuilder.Build(evidence, assessed.Findings, scorecard, ToolVersion.Info, evidence.CollectedAt);
        return report with { Problems = [.. report.Problems, .. configProblems, .. assessed.Problems] };
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
        return new EvidenceBundle
        {
            ProjectPath = settings.ProjectPath,
            CollectedAt = environment.Clock(),
            Repository = GitRepositoryCollector.Collect(settings.ProjectPath),
            Tracking = TrackingStoreReader.Collect(location, new TrackingReadOptions { Variables = environment.Variables, HttpHandler = environment.HttpHandler }),
        };
    }
}
