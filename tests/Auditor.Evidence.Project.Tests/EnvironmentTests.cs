using Auditor.Core.Evidence;

namespace Auditor.Evidence.Project.Tests;

public sealed class EnvironmentTests
{
    /// <summary>
    /// What a line pins is PipRequirements' to decide (its cases are in Auditor.Core.Tests); here: the project's
    /// requirements file reads through it, with its includes first and its line numbers kept.
    /// </summary>
    [Fact]
    public void Requirements_follow_includes_and_keep_line_numbers()
    {
        using var project = new ProjectFolder()
            .With("requirements.txt", """
                # production
                -r requirements/base.txt
                pandas==2.2.2 ; python_version >= "3.10"
                scikit-learn>=1.3
                """)
            .With("requirements/base.txt", "requests==2.32.3\n");

        var file = Assert.Single(project.Collect().Environments, e => e.Location.Path == "requirements.txt");

        Assert.Equal([("requests", true), ("pandas", true), ("scikit-learn", false)], file.Requirements.Select(r => (r.Name, r.Pinned)));
        Assert.Equal(3, file.Requirements.Single(r => r.Name == "pandas").Line);
        Assert.Equal(2.0 / 3, file.PinnedShare);
    }

    [Fact]
    public void Missing_include_is_a_problem_not_a_crash()
    {
        using var project = new ProjectFolder().With("requirements-dev.txt", "-r nowhere.txt\npytest\n");

        var file = Assert.Single(project.Collect().Environments);

        Assert.Contains("nowhere.txt", file.Problem);
        Assert.Equal(0.0, file.PinnedShare);
    }

    [Theory]
    [InlineData("""
        [project]
        name = "churn"
        dependencies = ["pandas==2.2.2", "numpy>=1.26"]
        [project.optional-dependencies]
        dev = ["pytest==8.0.0"]
        """, "pep621", 3, 2)]
    [InlineData("""
        [tool.poetry]
        name = "churn"
        [tool.poetry.dependencies]
        python = "^3.11"
        pandas = "2.2.2"
        numpy = "^1.26"
        torch = { version = "==2.3.0" }
        [tool.poetry.group.dev.dependencies]
        pytest = "*"
        """, "poetry", 4, 2)]
    [InlineData("""
        [project]
        dependencies = ["pandas==2.2.2"]
        [tool.uv]
        dev-dependencies = ["pytest>=8"]
        """, "uv", 2, 1)]
    [InlineData("""
        [project]
        dependencies = ["pandas"]
        [tool.pdm.dev-dependencies]
        test = ["pytest==8.0.0"]
        """, "pdm", 2, 1)]
    [InlineData("""
        [project]
        dependencies = ["pandas~=2.2"]
        [tool.hatch.envs.default]
        dependencies = ["pytest"]
        """, "hatch", 1, 0)]
    public void Pyproject_flavours_give_their_requirements(string toml, string tool, int count, int pinned)
    {
        using var project = new ProjectFolder().With("pyproject.toml", toml);

        var file = Assert.Single(project.Collect().Environments);

        Assert.Equal(tool, file.Tool);
        Assert.Equal(count, file.Requirements.Count);
        Assert.Equal(pinned, file.Requirements.Count(r => r.Pinned));
    }

    [Fact]
    public void Conda_specs_are_pinned_only_with_a_full_version()
    {
        using var project = new ProjectFolder().With("environment.yml", """
            name: churn
            dependencies:
              - python=3.11
              - numpy=1.26.4
              - conda-forge::pandas==2.2.2
              - scipy>=1.10
              - pip
              - pip:
                  - mlflow==2.17.2
            """);

        var file = Assert.Single(project.Collect().Environments);

        Assert.Equal([("python", false), ("numpy", true), ("pandas", true), ("scipy", false), ("pip", false), ("mlflow", true)], file.Requirements.Select(r => (r.Name, r.Pinned)));
        Assert.Equal(9, file.Requirements[^1].Line);
    }

    [Fact]
    public void Lock_files_dockerfiles_and_devcontainers_are_recognised()
    {
        using var project = new ProjectFolder()
            .With("poetry.lock", "[[package]]\nname = \"pandas\"\nversion = \"2.2.2\"\n\n[[package]]\nname = \"numpy\"\nversion = \"1.26.4\"\n")
            .With("Pipfile.lock", """{"default": {"pandas": {"version": "==2.2.2", "hashes": ["sha256:ab"]}}, "develop": {}}""")
            .With("Dockerfile", "FROM python:3.11.9-slim AS base\nFROM base\nRUN pip install -r requirements.txt\nFROM nginx:latest\n")
            .With(".devcontainer/devcontainer.json", "{\"image\": \"mcr.microsoft.com/devcontainers/python:3.11\"}")
            .With("setup.cfg", "[options]\ninstall_requires =\n    pandas==2.2.2\n    numpy\n");

        var environments = project.Collect().Environments.ToDictionary(e => e.Location.Path);

        Assert.Equal(1.0, environments["poetry.lock"].PinnedShare);
        Assert.Equal("pipenv", environments["Pipfile.lock"].Tool);
        Assert.Equal([("python:3.11.9-slim", true), ("nginx:latest", false)], environments["Dockerfile"].Requirements.Select(r => (r.Name, r.Pinned)));
        Assert.Equal("devcontainer", environments[".devcontainer/devcontainer.json"].Kind);
        Assert.Equal(0.5, environments["setup.cfg"].PinnedShare);
    }
}
