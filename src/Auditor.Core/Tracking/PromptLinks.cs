namespace Auditor.Core.Tracking;

/// <summary>
/// Which prompt versions a store's traces, runs and logged models name in their <c>mlflow.linkedPrompts</c> tag. Nothing in
/// a store records that a prompt was never loaded: the only sign is that no link names any of its versions.
/// </summary>
public static class PromptLinks
{
    public static IReadOnlyList<PromptRef> OfRun(Run run) => PromptRef.Parse(run.Tags.GetValueOrDefault(SystemTags.LinkedPrompts));

    public static IReadOnlyList<PromptRef> OfModel(LoggedModel model) => PromptRef.Parse(model.Tags.GetValueOrDefault(SystemTags.LinkedPrompts));

    /// <summary>Every prompt version named by a trace, a run or a logged model.</summary>
    public static IReadOnlySet<PromptRef> Loaded(TrackingStore store) =>
        store.GenAi.TraceGroups.SelectMany(t => t.LinkedPrompts)
            .Concat(store.Runs.SelectMany(OfRun))
            .Concat(store.LoggedModels.SelectMany(OfModel))
            .ToHashSet();

    /// <summary>Prompts none of whose versions is named by any link.</summary>
    public static IReadOnlyList<RegisteredModel> NeverLoaded(TrackingStore store)
    {
        var loaded = Loaded(store).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        return store.GenAi.Prompts.Where(p => !loaded.Contains(p.Name)).ToList();
    }
}
