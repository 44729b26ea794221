using Auditor.Core.Tracking;

namespace Auditor.Core.Facts;

/// <summary>
/// The serving versions of a GenAI application: the logged models behind registered versions in Production or with a
/// serving alias; without one, the logged model the latest trace names (the version answering traffic).
/// </summary>
internal static class GenAiServing
{
    public sealed record Version(string ModelId, string Label, IReadOnlySet<PromptRef> Prompts);

    public static IReadOnlyList<Version> Versions(TrackingStore store)
    {
        var models = store.LoggedModels.ToDictionary(m => m.Id, StringComparer.Ordinal);
        var registered = store.RegisteredModels.SelectMany(m => m.Versions).Where(RegistryFacts.IsServing).Where(v => v.ModelId is not null).ToList();
        if (registered.Count > 0)
        {
            return registered.Select(v => Of(v.ModelId!, $"{v.ModelName}/{v.Version} ({v.ModelId})", models)).ToList();
        }

        var latest = GenAiEvidence.Latest(store.GenAi.TraceGroups.Where(t => t.ModelId is not null && t.SourceRunId is null))
            ?? store.GenAi.TraceGroups.FirstOrDefault(t => t.ModelId is not null && t.SourceRunId is null);
        return latest is null ? [] : [Of(latest.ModelId!, latest.ModelId!, models)];
    }

    /// <summary>
    /// The evaluation covers the version when it evaluated the version's logged model, a logged model with the same
    /// prompt versions (the same application configuration), or prompt versions all of which the version uses.
    /// </summary>
    public static bool Covers(EvaluationRun evaluation, Version version, TrackingStore store)
    {
        if (evaluation.ModelIds.Contains(version.ModelId, StringComparer.Ordinal))
        {
            return true;
        }

        var models = store.LoggedModels.ToDictionary(m => m.Id, StringComparer.Ordinal);
        if (version.Prompts.Count > 0 && evaluation.ModelIds.Any(id => models.TryGetValue(id, out var m) && PromptLinks.OfModel(m).ToHashSet().SetEquals(version.Prompts)))
        {
            return true;
        }

        var runPrompts = PromptLinks.OfRun(evaluation.Run);
        return runPrompts.Count > 0 && runPrompts.All(version.Prompts.Contains);
    }

    private static Version Of(string modelId, string label, Dictionary<string, LoggedModel> models) =>
        new(modelId, label, models.TryGetValue(modelId, out var model) ? PromptLinks.OfModel(model).ToHashSet() : new HashSet<PromptRef>());
}
