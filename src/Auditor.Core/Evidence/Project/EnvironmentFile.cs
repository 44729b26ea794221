namespace Auditor.Core.Evidence;

/// <summary>
/// A file that declares the Python (or container) environment. <see cref="Kind"/> is one of requirements,
/// pyproject, lock, conda, python-env, setup, pipfile, dockerfile, devcontainer; <see cref="Tool"/> names
/// the flavour (pip, pep621, poetry, pdm, hatch, uv, pipenv, conda-lock, setuptools) when known.
/// </summary>
public sealed record EnvironmentFile
{
    public required SourceLocation Location { get; init; }

    public required string Kind { get; init; }

    public string? Tool { get; init; }

    public IReadOnlyList<Requirement> Requirements { get; init; } = [];

    /// <summary>Share (0-1) of requirements pinned to an exact version; null when the file declares none.</summary>
    public double? PinnedShare =>
        Requirements.Count == 0 ? null : (double)Requirements.Count(r => r.Pinned) / Requirements.Count;

    /// <summary>What could not be read in the file (a parse error, a missing include), if anything.</summary>
    public string? Problem { get; init; }
}
