using Auditor.Core.Evidence;

namespace Auditor.Evidence.Project.Tests;

/// <summary>CI is a definition that parses, runs commands and runs on changes; test and training steps are commands that test or train.</summary>
public sealed class CiDetectorTests
{
    private static string Workflow(string on, params string[] runs) =>
        $"on: {on}\njobs:\n  job:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n" + string.Concat(runs.Select(r => $"      - run: {r}\n"));

    private static readonly Corpus NotCi = new()
    {
        ["stale bot on a schedule"] = [(".github/workflows/stale.yml", "on:\n  schedule:\n    - cron: '0 0 * * *'\njobs:\n  stale:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/stale@v9\n")],
        ["issue greeter"] = [(".github/workflows/greetings.yml", Workflow("issues", "echo welcome"))],
        ["workflow that does not parse"] = [(".github/workflows/ci.yml", "on: [push\njobs: {\n")],
        ["checkout only"] = [(".github/workflows/ci.yml", Workflow("push"))],
        ["labeler on pull requests"] = [(".github/workflows/labeler.yml", "on: pull_request_target\njobs:\n  label:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/labeler@v5\n")],
        ["GitLab file with only hidden jobs"] = [(".gitlab-ci.yml", ".test_template:\n  script:\n    - pytest\n")],
        ["empty Jenkinsfile"] = [("Jenkinsfile", "// TODO\n\n")],
        ["workflow template outside workflows"] = [(".github/workflow-templates/ci.yml", Workflow("push", "pytest"))],
    };

    public static TheoryData<string> NotCiNames => NotCi.Names;

    [Theory]
    [MemberData(nameof(NotCiNames))]
    public void Look_alikes_are_not_continuous_integration(string situation)
    {
        Assert.DoesNotContain(NotCi.Collect(situation).Ci, w => w.IsContinuousIntegration);
    }

    [Theory]
    [InlineData(".github/workflows/ci.yml", "on: [push, pull_request]\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: make lint\n")]
    [InlineData(".github/workflows/ci.yml", "on: pull_request\njobs:\n  t:\n    uses: ./.github/workflows/test.yml\n")]
    [InlineData(".gitlab-ci.yml", ".base:\n  script: [pytest]\ntest:\n  extends: .base\n")]
    [InlineData("Jenkinsfile", "pipeline { stages { stage('t') { steps { sh 'pytest' } } } }\n")]
    public void Definitions_that_run_on_changes_are_continuous_integration(string path, string content)
    {
        Assert.True(Assert.Single(ProjectFolder.Of([(path, content)]).Ci).IsContinuousIntegration);
    }

    [Theory]
    [InlineData("pip install pytest")]
    [InlineData("uv pip install pytest tox")]
    [InlineData("echo \"now run pytest\"")]
    [InlineData("# pytest tests")]
    [InlineData("pytest || true")]
    [InlineData("pytest --version")]
    public void Look_alikes_do_not_run_tests(string command)
    {
        var workflow = Assert.Single(ProjectFolder.Of([(".github/workflows/ci.yml", Workflow("pull_request", $"'{command.Replace("'", "''", StringComparison.Ordinal)}'"))]).Ci);

        Assert.DoesNotContain(workflow.Steps, s => s.Kind == CiStepKind.Test);
    }

    [Theory]
    [InlineData("pip install -r requirements.txt && pytest -q")]
    [InlineData("python -m pytest tests")]
    [InlineData("tox -e py311")]
    public void Test_commands_are_test_steps(string command)
    {
        var workflow = Assert.Single(ProjectFolder.Of([(".github/workflows/ci.yml", Workflow("pull_request", command))]).Ci);

        Assert.Contains(workflow.Steps, s => s.Kind == CiStepKind.Test);
    }

    [Theory]
    [InlineData("python tests/test_train.py")]
    [InlineData("echo python train.py")]
    [InlineData("python train.py --help")]
    [InlineData("# dvc repro")]
    [InlineData("pip install trainer-utils")]
    public void Look_alikes_do_not_train(string command)
    {
        var workflow = Assert.Single(ProjectFolder.Of([(".github/workflows/ci.yml", Workflow("push", $"'{command}'"))]).Ci);

        Assert.DoesNotContain(workflow.Steps, s => s.Kind == CiStepKind.Train);
    }
}
