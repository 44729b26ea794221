using System.Text.Json.Serialization;

namespace Auditor.Core.Reporting;

/// <summary>What the tracking store holds, counted. Deleted entities are counted too, separately.</summary>
public sealed record Inventory
{
    public required ExperimentCounts Experiments { get; init; }

    public required RunCounts Runs { get; init; }

    public int RegisteredModels { get; init; }

    public int ModelVersions { get; init; }

    public int LoggedModels { get; init; }

    /// <summary>MLflow 3 GenAI entities; null in reports written before mlaudit read them.</summary>
    [JsonPropertyName("genai")]
    public GenAiCounts? GenAi { get; init; } = GenAiCounts.Empty;

    public static Inventory Empty { get; } = new()
    {
        Experiments = new ExperimentCounts(0, 0, 0),
        Runs = new RunCounts { Total = 0, Active = 0, Deleted = 0, ByStatus = new Dictionary<string, int>(), WithGitCommit = 0 },
    };
}
