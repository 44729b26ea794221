using Auditor.Core.Evidence;

namespace Auditor.Evidence.Project.Tests;

public sealed class CiTests
{
    [Fact]
    public void GitHub_workflow_triggers_and_step_kinds()
    {
        using var project = new ProjectFolder().With(".github/workflows/release.yaml", """
            name: release
            on:
              schedule:
                - cron: "0 3 * * 1"
              workflow_dispatch:
              workflow_run:
                workflows: [train]
                types: [completed]
            jobs:
              ship:
                runs-on: ubuntu-latest
                steps:
                  - uses: docker/build-push-action@v6
                  - run: |
                      python -m unittest discover
                      mlflow run . -e main
                      python evaluate.py --model latest
                      kubectl apply -f k8s/
                      python scripts/promote.py --alias champion
            """);

        var workflow = Assert.Single(project.Collect().Ci);

        Assert.Equal("github-actions", workflow.Provider);
        Assert.Equal([CiTrigger.Schedule, CiTrigger.Manual, CiTrigger.WorkflowRun], workflow.Triggers);
        Assert.Equal(
            [CiStepKind.BuildImage, CiStepKind.Test, CiStepKind.Train, CiStepKind.Evaluate, CiStepKind.Deploy, CiStepKind.RegisterModel],
            workflow.Steps.Select(s => s.Kind));
        Assert.Equal(18, workflow.Steps.Single(s => s.Kind == CiStepKind.Deploy).Location.Line);
    }

    [Fact]
    public void GitLab_jobs_scripts_and_merge_request_rules()
    {
        using var project = new ProjectFolder().With(".gitlab-ci.yml", """
            stages: [test, train]
            test:
              stage: test
              script:
                - pip install -r requirements.txt
                - tox -e py311
              rules:
                - if: $CI_PIPELINE_SOURCE == "merge_request_event"
            train:
              stage: train
              script: dvc repro
              rules:
                - if: $CI_PIPELINE_SOURCE == "schedule"
            """);

        var workflow = Assert.Single(project.Collect().Ci);

        Assert.Equal("gitlab-ci", workflow.Provider);
        Assert.Contains(CiTrigger.PullRequest, workflow.Triggers);
        Assert.Contains(CiTrigger.Schedule, workflow.Triggers);
        Assert.Equal([("test", CiStepKind.Test), ("train", CiStepKind.Train)], workflow.Steps.Select(s => (s.Job, s.Kind)));
    }

    [Theory]
    [InlineData("Jenkinsfile", "jenkins")]
    [InlineData("azure-pipelines.yml", "azure-pipelines")]
    [InlineData(".circleci/config.yml", "circleci")]
    [InlineData("bitbucket-pipelines.yml", "bitbucket-pipelines")]
    [InlineData(".travis.yml", "travis")]
    [InlineData(".buildkite/pipeline.yml", "buildkite")]
    [InlineData(".drone.yml", "drone")]
    [InlineData(".woodpecker.yml", "woodpecker")]
    public void Other_ci_systems_are_detected_by_file(string path, string provider)
    {
        using var project = new ProjectFolder().With(path, "steps:\n  - script: pytest tests\n");

        var workflow = Assert.Single(project.Collect().Ci);

        Assert.Equal(provider, workflow.Provider);
        Assert.Equal(CiStepKind.Test, Assert.Single(workflow.Steps).Kind);
    }

    [Fact]
    public void Broken_workflow_yaml_is_a_problem_with_its_line()
    {
        using var project = new ProjectFolder().With(".github/workflows/bad.yml", "on: [push\njobs: {\n");

        var workflow = Assert.Single(project.Collect().Ci);

        Assert.NotNull(workflow.Problem);
        Assert.StartsWith("line", workflow.Problem);
    }
}
