namespace Auditor.Evidence.Project.Tests;

/// <summary>An environment file declares something to install; tool settings, a logged model's files and the docs' requirements do not.</summary>
public sealed class EnvironmentDetectorTests
{
    private static readonly Corpus LookAlikes = new()
    {
        ["empty requirements.txt"] = [("requirements.txt", "# add dependencies here\n\n")],
        ["pyproject.toml with only tool settings"] = [("pyproject.toml", "[tool.black]\nline-length = 100\n\n[tool.ruff]\nselect = [\"E\"]\n")],
        ["setup.cfg with only flake8 settings"] = [("setup.cfg", "[flake8]\nmax-line-length = 100\n")],
        ["env.yaml of settings"] = [("env.yaml", "name: production\ntracking_uri: http://mlflow:5000\n")],
        ["a logged MLflow model's environment files"] = [
            ("models/churn/MLmodel", "flavors:\n  python_function: {}\n"),
            ("models/churn/conda.yaml", "dependencies:\n  - python=3.11.9\n  - pip:\n    - mlflow==2.17.2\n"),
            ("models/churn/requirements.txt", "mlflow==2.17.2\n"),
            ("models/churn/python_env.yaml", "python: 3.11.9\ndependencies:\n  - mlflow==2.17.2\n")],
        ["the documentation's requirements"] = [("docs/requirements.txt", "sphinx==7.3.7\n")],
        ["empty devcontainer"] = [(".devcontainer/devcontainer.json", "{}")],
    };

    public static TheoryData<string> LookAlikeNames => LookAlikes.Names;

    [Theory]
    [MemberData(nameof(LookAlikeNames))]
    public void Look_alikes_do_not_declare_an_environment(string situation)
    {
        var environments = LookAlikes.Collect(situation).Environments;

        Assert.True(environments.Count == 0, $"{situation}: {string.Join(", ", environments.Select(e => e.Location.Path))}");
    }

    [Theory]
    [InlineData("requirements.txt", "pandas==2.2.2\n")]
    [InlineData("pyproject.toml", "[project]\nname = \"churn\"\ndependencies = [\"pandas>=2\"]\n")]
    [InlineData("environment.yml", "dependencies:\n  - python=3.11\n")]
    [InlineData("Dockerfile", "FROM python:3.11.9-slim\n")]
    [InlineData(".devcontainer/devcontainer.json", "{\"image\": \"mcr.microsoft.com/devcontainers/python:3.11\"}")]
    public void Declarations_are_environments(string path, string content)
    {
        Assert.Equal(path, Assert.Single(ProjectFolder.Of([(path, content)]).Environments).Location.Path);
    }
}
