namespace Auditor.Core.Trace;

/// <summary>
/// A GenAI application version (the MLflow 3 logged model a registered version points to) traced to the prompt
/// versions it is pinned to, the evaluation runs that cover it and its code commit. Its JSON form is part of the
/// report contract (<c>trace[].application</c>).
/// </summary>
public sealed record ApplicationTrace
{
    public required string LoggedModel { get; init; }

    /// <summary>The prompt versions named by the logged model's <c>mlflow.linkedPrompts</c> tag and by its traces.</summary>
    public IReadOnlyList<PromptLinkTrace> Prompts { get; init; } = [];

    /// <summary>Evaluation runs that evaluated this logged model, or one with the same prompt versions.</summary>
    public IReadOnlyList<EvaluationLinkTrace> Evaluations { get; init; } = [];

    /// <summary>The commit of the code: the logged model's source run's, else the logged model's own git tag.</summary>
    public string? Commit { get; init; }

    public required CommitState CommitState { get; init; }

    /// <summary>Traces recorded with this logged model active.</summary>
    public int Traces { get; init; }
}

/// <summary>One prompt version an application is pinned to, and whether the registry holds it.</summary>
public sealed record PromptLinkTrace(string Name, int Version, PromptLinkState State, IReadOnlyList<string> Aliases);

/// <summary>Present: the registry holds that version; missing-version: the prompt, not that version; missing: not the prompt.</summary>
public enum PromptLinkState { Present, MissingVersion, Missing }

/// <summary>An evaluation run covering the application: <c>model</c> when it evaluated this logged model, <c>prompts</c> when it evaluated the same prompt versions.</summary>
public sealed record EvaluationLinkTrace(string RunId, string? RunName, string Match, IReadOnlyList<string> Scorers, int Traces);
