namespace Auditor.Core.Tracking;

/// <summary>The environment files MLflow writes beside <c>MLmodel</c> (mlflow/utils/environment.py).</summary>
public sealed record ModelEnvironment
{
    public bool HasCondaYaml { get; init; }

    public bool HasPythonEnv { get; init; }

    public bool HasRequirements { get; init; }

    /// <summary>Requirement lines in <c>requirements.txt</c> (comments, blank lines and <c>-r</c>/<c>-c</c> options left out).</summary>
    public int Requirements { get; init; }

    /// <summary>Requirements pinned as <see cref="Evidence.PipRequirements"/> reads them: one version (<c>==</c>/<c>===</c>, no wildcard), a hash, or a VCS URL at a full commit.</summary>
    public int PinnedRequirements { get; init; }

    /// <summary>Share of requirements pinned, 0..1; null when there are none.</summary>
    public double? PinnedShare => Requirements == 0 ? null : (double)PinnedRequirements / Requirements;

    public static ModelEnvironment None { get; } = new();
}
