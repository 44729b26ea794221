namespace Auditor.Core.Trace;

/// <summary>
/// One registered model version traced back to its run, commit, environment, data and artifact, with a
/// verdict and the gaps in plain words. Its JSON form is part of the report contract (<c>trace</c>).
/// </summary>
public sealed record ModelTrace
{
    public required string Model { get; init; }

    public required int Version { get; init; }

    public required string Stage { get; init; }

    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>MLflow 3.x logged model the version points to, if any.</summary>
    public string? LoggedModel { get; init; }

    public string? RunId { get; init; }

    public string? RunName { get; init; }

    public required RunState RunState { get; init; }

    public string? Commit { get; init; }

    public required CommitState CommitState { get; init; }

    /// <summary>Whether the commit is reachable from a branch or tag; null unless it is present.</summary>
    public bool? CommitReachable { get; init; }

    /// <summary>The run's <c>mlflow.source.name</c>.</summary>
    public string? EntryPoint { get; init; }

    /// <summary>Whether the entry point exists in the commit; null when that could not be checked.</summary>
    public bool? EntryPointInCommit { get; init; }

    public required EnvironmentState Environment { get; init; }

    /// <summary>Where the environment evidence came from (a file beside the model, or one in the commit).</summary>
    public string? EnvironmentSource { get; init; }

    public required DataState Data { get; init; }

    /// <summary>Datasets logged on the run, as name@digest.</summary>
    public IReadOnlyList<string> Datasets { get; init; } = [];

    public int Params { get; init; }

    public int Metrics { get; init; }

    public required ArtifactLinkState Artifact { get; init; }

    public string? ArtifactUri { get; init; }

    /// <summary>Where the model files were read from: <c>local</c>, <c>server</c>, <c>s3</c>, <c>azure</c>, <c>gcs</c>; null when they were not looked for.</summary>
    public string? ArtifactSource { get; init; }

    public IReadOnlyList<string> Flavors { get; init; } = [];

    public bool? HasSignature { get; init; }

    public required Verdict Verdict { get; init; }

    /// <summary>What keeps the version from being reproducible, in plain words; empty when it is.</summary>
    public IReadOnlyList<string> Gaps { get; init; } = [];

    /// <summary>
    /// The gaps (each also in <see cref="Gaps"/>) that are links this checkout could not check (a commit beyond a shallow
    /// clone, model files in remote storage or over a limit), not known weaknesses; empty when every link was checked.
    /// </summary>
    public IReadOnlyList<string> Unchecked { get; init; } = [];

    /// <summary>Whether this version serves (stage Production or a serving alias).</summary>
    public bool Serving { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>For a version of a GenAI application (its logged model links prompts, has traces or was evaluated): its prompts, evaluations and commit; null otherwise.</summary>
    public ApplicationTrace? Application { get; init; }
}
