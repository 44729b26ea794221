using Auditor.Core.Evidence;
using Auditor.Core.Rules;

namespace Auditor.Core.Facts;

/// <summary>Facts about the project's ML engineering files (environments, CI, tests, pipelines, data, deployment, monitoring).</summary>
public sealed class ProjectFacts : IFactProvider
{
    private static readonly FactDescriptor CiPresent = new("ci.present", "bool", "A CI definition (GitHub Actions, GitLab CI, Azure Pipelines, Jenkins, CircleCI, Bitbucket, Travis, Buildkite, Drone/Woodpecker, Tekton/Argo) parses, runs at least one command and runs on changes (push, pull or merge requests); schedule-only, bot-only and broken workflows do not count.");
    private static readonly FactDescriptor CiTestsOnPullRequest = new("ci.runsTestsOnPullRequest", "bool", "A CI workflow triggered by pull or merge requests has a step that runs tests (pytest, tox, nox, unittest); installing pytest, a commented-out or echoed command and a run whose failure is ignored (|| true) do not count.");
    private static readonly FactDescriptor CiTrains = new("ci.trains", "bool", "A CI workflow has a step that trains (python train*.py, mlflow run, dvc repro, kedro run); a test of the training code does not count.");
    private static readonly FactDescriptor EnvironmentPresent = new("environment.present", "bool", "An environment file declares something to install (requirements, pyproject, lock, conda, python_env, setup, Pipfile, a Dockerfile's base image, a devcontainer's image); tool-only pyproject/setup.cfg, empty files, a logged MLflow model's files and docs/ requirements do not count.");
    private static readonly FactDescriptor PinnedShare = new("environment.pinnedShare", "number", "Share (0-1) of requirements pinned to an exact version (==, ===, hash, VCS at a commit, conda full =version) over requirements, pyproject, Pipfile, setup, conda and python_env files; unknown when none declares a requirement.");
    private static readonly FactDescriptor LockFile = new("environment.lockFilePresent", "bool", "A lock file exists (poetry.lock, uv.lock, pdm.lock, Pipfile.lock, conda-lock.yml).");
    private static readonly FactDescriptor TestsPresent = new("tests.present", "bool", "Test modules (test_*.py, *_test.py, unittest.TestCase) define at least one test that tests something; conftest.py alone and placeholder tests (pass, assert True) do not count.");
    private static readonly FactDescriptor TestsTouchMl = new("tests.touchMlCode", "bool", "A test module imports one of the project's ML modules (a module importing an ML library, or named for training, features, preprocessing, evaluation or prediction, or named model(s)/pipeline and importing a data library).");
    private static readonly FactDescriptor PipelinePresent = new("pipeline.present", "bool", "A pipeline definition that runs something exists (MLproject with an entry point, dvc.yaml with a stage, an Airflow DAG, Prefect flow, Kubeflow/ZenML pipeline, Metaflow flow, Kedro pipeline, Snakemake rule); a Makefile, .dvc files and a metrics-only dvc.yaml do not count.");
    private static readonly FactDescriptor DataVersioned = new("data.versioned", "bool", "Data is under version control: DVC with a tracked output (.dvc file or dvc.lock outs), Git LFS (filter=lfs) or lakeFS; dvc init alone does not count.");
    private static readonly FactDescriptor DeploymentPresent = new("deployment.present", "bool", "Deployment is automated: a CI step deploys (kubectl apply, helm upgrade, terraform apply, sam/serverless deploy, az ml online-deployment, gcloud ai endpoints deploy-model, mlflow deployments, ...), a GitOps controller (Argo CD, Flux) applies the repository, or a pipeline or CI-run script calls a deployment API; serving code and manifests nothing applies do not count.");
    private static readonly FactDescriptor MonitoringPresent = new("monitoring.present", "bool", "The deployed model is monitored: Evidently/whylogs/NannyML/Great Expectations/Deepchecks/alibi-detect checks run on a schedule, Prometheus alerts on model metrics, or a SageMaker/Vertex/Azure ML/Databricks model monitor; an import, a notebook, an evaluation step or a Grafana dashboard does not count.");

    private static readonly string[] DeclarationKinds = ["requirements", "pyproject", "pipfile", "setup", "conda", "python-env"];

    public IReadOnlyList<FactDescriptor> Descriptors { get; } =
        [CiPresent, CiTestsOnPullRequest, CiTrains, EnvironmentPresent, PinnedShare, LockFile, TestsPresent, TestsTouchMl, PipelinePresent, DataVersioned, DeploymentPresent, MonitoringPresent];

    public IEnumerable<Fact> Derive(EvidenceBundle evidence) =>
        CollectedFacts.FromPresent(evidence.Project, Descriptors, Describe);

    private static IEnumerable<Fact> Describe(ProjectEvidence project)
    {
        yield return Exists(CiPresent, project.Ci.Where(c => c.IsContinuousIntegration).Select(c => c.Location));
        yield return Exists(CiTestsOnPullRequest, project.Ci.Where(c => c.Problem is null && c.Triggers.Contains(CiTrigger.PullRequest))
            .SelectMany(c => c.Steps).Where(s => s.Kind == CiStepKind.Test).Select(s => s.Location));
        yield return Exists(CiTrains, project.Ci.SelectMany(c => c.Steps).Where(s => s.Kind == CiStepKind.Train).Select(s => s.Location));
        yield return Exists(EnvironmentPresent, project.Environments.Select(e => e.Location));
        yield return Pinned(project);
        yield return Exists(LockFile, project.Environments.Where(e => e.Kind == "lock").Select(e => e.Location));
        yield return Exists(TestsPresent, project.Tests.Files.Select(t => t.Location));
        yield return Exists(TestsTouchMl, project.Tests.Files.Where(t => t.TouchesMlCode).Select(t => t.Location));
        yield return Exists(PipelinePresent, project.Pipelines.Where(p => p.Kind != "makefile").Select(p => p.Location));
        yield return Exists(DataVersioned, project.DataVersioning.Select(d => d.Location));
        yield return Exists(DeploymentPresent, project.Deployments.Select(d => d.Location));
        yield return Exists(MonitoringPresent, project.Monitoring.Select(m => m.Location));
    }

    private static Fact Pinned(ProjectEvidence project)
    {
        var files = project.Environments.Where(e => DeclarationKinds.Contains(e.Kind)).ToList();
        var requirements = files.SelectMany(f => f.Requirements.Select(r => (File: f, Requirement: r))).ToList();
        if (requirements.Count == 0)
        {
            return Fact.Unknown(PinnedShare.Name, "no environment file declares a requirement");
        }

        var unpinned = requirements.Where(r => !r.Requirement.Pinned)
            .Select(r => (r.File.Location with { Line = r.Requirement.Line }).ToRef() with { Detail = $"{r.Requirement.Name} {r.Requirement.Specifier}".Trim() + " (not pinned)" })
            .ToList();
        return Fact.Known(PinnedShare.Name, FactValue.Of(FactBuilder.Share(requirements.Count - unpinned.Count, requirements.Count)), unpinned);
    }

    private static Fact Exists(FactDescriptor descriptor, IEnumerable<SourceLocation> locations)
    {
        var refs = locations.Select(l => l.ToRef()).Distinct().ToList();
        return Fact.Known(descriptor.Name, FactValue.Of(refs.Count > 0), refs);
    }
}
