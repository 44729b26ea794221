using Auditor.Core.Tracking;

namespace Auditor.Evidence.MLflow;

/// <summary>
/// Prompts are registered models tagged <c>mlflow.prompt.is_prompt</c>; MLflow's <c>search_registered_models</c>
/// leaves them out, so every reader keeps them apart from the models.
/// </summary>
internal static class PromptRegistry
{
    public static bool IsPrompt(RegisteredModel model) =>
        string.Equals(model.Tags.GetValueOrDefault(SystemTags.IsPrompt), "true", StringComparison.OrdinalIgnoreCase);

    public static (IReadOnlyList<RegisteredModel> Models, IReadOnlyList<RegisteredModel> Prompts) Split(IEnumerable<RegisteredModel> all)
    {
        var models = new List<RegisteredModel>();
        var prompts = new List<RegisteredModel>();
        foreach (var model in all.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            (IsPrompt(model) ? prompts : models).Add(model);
        }

        return (models, prompts);
    }
}
