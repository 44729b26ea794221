using System.Globalization;
using System.Text.Json;
using Auditor.Core.Tracking;
using Auditor.Evidence.MLflow.FileStore;

namespace Auditor.Evidence.MLflow.Rest;

/// <summary>
/// MLflow's REST messages (<c>Experiment</c>, <c>Run</c>, <c>RegisteredModel</c>, <c>ModelVersion</c>, <c>LoggedModel</c>)
/// mapped onto the normalized model; a run is read by <see cref="RestRunReader"/>.
/// </summary>
internal static class RestModelMapper
{
    public static Experiment Experiment(JsonElement e) => new()
    {
        Id = e.Str("experiment_id") ?? "",
        Name = e.Str("name") ?? "",
        ArtifactLocation = e.Str("artifact_location"),
        Lifecycle = FileRunReader.ParseLifecycle(e.Str("lifecycle_stage")),
        CreationTime = e.Time("creation_time"),
        Tags = e.Pairs("tags"),
    };

    /// <summary>A run (read as <see cref="RestRunReader"/> reads a runs page's).</summary>
    public static Run Run(JsonElement e) => RestRunReader.Read(e, null);

    public static readonly IReadOnlyDictionary<string, int> NoAliases = new Dictionary<string, int>();

    /// <summary>A registered model's aliases, alias to version number (later entries win).</summary>
    public static IReadOnlyDictionary<string, int> Aliases(JsonElement model)
    {
        var aliases = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var alias in model.Array("aliases"))
        {
            if (alias.Str("alias") is { } a && int.TryParse(alias.Str("version"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
            {
                aliases[a] = v;
            }
        }

        return aliases;
    }

    /// <summary>A registered model with its versions as the server sent them.</summary>
    public static RegisteredModel RegisteredModel(JsonElement e, IReadOnlyList<JsonElement> versions)
    {
        var aliases = Aliases(e);
        return RegisteredModel(e, aliases, versions.Select(v => ModelVersion(v, aliases)).ToList());
    }

    public static RegisteredModel RegisteredModel(JsonElement e, IReadOnlyDictionary<string, int> aliases, IReadOnlyList<ModelVersion> versions) => new()
    {
        Name = e.Str("name") ?? "",
        Description = e.Str("description"),
        CreationTime = e.Time("creation_timestamp"),
        Tags = e.Pairs("tags"),
        Aliases = aliases,
        Versions = versions.OrderBy(v => v.Version).ToList(),
    };

    /// <summary>Aliases come from the registered model: MLflow 2.x servers over SQL leave a version's own list empty.</summary>
    public static ModelVersion ModelVersion(JsonElement e, IReadOnlyDictionary<string, int> modelAliases)
    {
        var version = e.Long("version") is { } n and > 0 and <= int.MaxValue ? (int)n : 0;
        var source = e.Str("source");
        var runId = e.Str("run_id");
        return new ModelVersion
        {
            ModelName = e.Str("name") ?? "",
            Version = version,
            Stage = e.Str("current_stage") ?? "None",
            Status = e.Str("status"),
            Source = source,
            RunId = string.IsNullOrEmpty(runId) ? null : runId,
            RunLink = e.Str("run_link"),
            StorageLocation = e.Str("storage_location"),
            ModelId = LoggedModelIds.FromSource(source) ?? NullIfEmpty(e.Str("model_id")),
            UserId = e.Str("user_id"),
            Description = e.Str("description"),
            CreationTime = e.Time("creation_timestamp"),
            Tags = e.Pairs("tags"),
            Aliases = e.Array("aliases").Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()).OfType<string>()
                .Concat(modelAliases.Where(a => a.Value == version).Select(a => a.Key))
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
        };
    }

    /// <summary>A 3.x logged model; its metrics are every logged point, summarised as the SQL reader does.</summary>
    public static LoggedModel LoggedModel(JsonElement e)
    {
        var info = e.Object("info");
        var data = e.Object("data");
        var builders = new Dictionary<string, MetricSummaryBuilder>(StringComparer.Ordinal);
        foreach (var metric in data.Array("metrics"))
        {
            if (metric.Str("key") is { } key)
            {
                (builders.TryGetValue(key, out var b) ? b : builders[key] = new MetricSummaryBuilder(key))
                    .Add(metric.Long("timestamp") ?? 0, metric.Double("value"), metric.Long("step") ?? 0);
            }
        }

        var status = info.Str("status");
        return new LoggedModel
        {
            Id = info.Str("model_id") ?? "",
            ExperimentId = info.Str("experiment_id") ?? "",
            Name = info.Str("name"),
            SourceRunId = info.Str("source_run_id"),
            ArtifactLocation = info.Str("artifact_uri"),
            Status = status is null ? null : status.StartsWith("LOGGED_MODEL_", StringComparison.Ordinal) ? status["LOGGED_MODEL_".Length..].Replace("STATUS_", "", StringComparison.Ordinal) : status,
            Lifecycle = Lifecycle.Active,
            Params = data.Pairs("params"),
            Tags = info.Pairs("tags"),
            Metrics = builders.ToDictionary(b => b.Key, b => b.Value.Build(), StringComparer.Ordinal),
        };
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
