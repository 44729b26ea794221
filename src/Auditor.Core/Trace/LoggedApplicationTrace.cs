namespace Auditor.Core.Trace;

/// <summary>
/// A GenAI application version logged as an MLflow 3 logged model but registered as no model version, traced as a
/// registered one is: to its prompt versions, the evaluation runs covering it, its source run and code commit. A logged
/// model counts as an application version when it links prompts (<c>mlflow.linkedPrompts</c>) or traces were recorded
/// with it active; deleted logged models do not count. Its JSON form is part of the report contract
/// (<c>applications</c>).
/// </summary>
public sealed record LoggedApplicationTrace
{
    public required string LoggedModel { get; init; }

    public string? Name { get; init; }

    public required string ExperimentId { get; init; }

    /// <summary>The run that logged the model; null for an application version made by <c>set_active_model</c>.</summary>
    public string? SourceRunId { get; init; }

    /// <summary>Active, deleted, or missing (named but not in the store); active when there is no source run to check.</summary>
    public required RunState RunState { get; init; }

    public required ApplicationTrace Application { get; init; }

    public required Verdict Verdict { get; init; }

    /// <summary>What keeps the application version from being reproducible, in plain words; empty when it is.</summary>
    public IReadOnlyList<string> Gaps { get; init; } = [];
}
