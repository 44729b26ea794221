using Auditor.Core.Evidence;
using Auditor.Core.Facts;
using Auditor.Core.Reporting;
using Auditor.Core.Rules;
using Auditor.Core.Scoring;
using Auditor.Evidence.Git;
using Auditor.Evidence.MLflow;
using Auditor.Evidence.Project;
using Auditor.Rules;

namespace Auditor.Cli;

/// <summary>The whole pipeline, wired: evidence, then findings, then the scorecard, then the report model.</summary>
public static class AuditPipeline
{
    public static AuditReport Run(AuditSettings settings, CliEnvironment environment)
    {
        var catalog = RuleCatalogLoader.Load(settings.RulesDirectory);
        var evidence = Collect(settings, environment);
        var facts = FactCatalog.Build(evidence);
        var findings = RuleEvaluator.EvaluateAll(catalog.Rules, facts);
        var scorecard = Scorer.Score(catalog.Policy, findings);
        return AuditReportBuilder.Build(evidence, findings, scorecard, ToolVersion.Info, environment.Clock());
    }

    public static EvidenceBundle Collect(AuditSettings settings, CliEnvironment environment)
    {
        var location = TrackingUriResolver.Resolve(settings.TrackingUri, settings.ProjectPath, environment.Variables, environment.CurrentDirectory);
        var tracking = TrackingStoreReader.Collect(location);
        var runCommits = tracking.Value?.Runs.Select(r => r.GitCommit).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList() ?? [];
        return new EvidenceBundle
        {
            ProjectPath = settings.ProjectPath,
            Repository = GitRepositoryCollector.Collect(settings.ProjectPath),
            Tracking = tracking,
            Commits = CommitResolver.Collect(settings.ProjectPath, runCommits),
            Project = ProjectCollector.Collect(settings.ProjectPath, GitFileProvenance.Open(settings.ProjectPath)),
        };
    }
}
