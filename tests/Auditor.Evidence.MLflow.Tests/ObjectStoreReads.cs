using System.Text.Json;
using System.Text.Json.Serialization;
using Auditor.Core.Evidence;
using Auditor.Core.Tracking;

namespace Auditor.Evidence.MLflow.Tests;

/// <summary>What the S3 and Azure tests read back: a SQLite copy whose artifacts are in object storage, and its versions' model files.</summary>
internal static class ObjectStoreReads
{
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    public static TrackingStore Read(string database, TrackingReadOptions options)
    {
        var collected = TrackingStoreReader.Collect(TrackingUriResolver.Parse("sqlite:///" + database, "/"), options);
        Assert.True(collected.State == CollectionState.Present, collected.Reason);
        return collected.Value!;
    }

    public static ModelVersion Version(TrackingStore store, string model, int version) =>
        Versions(store).Single(v => v.ModelName == model && v.Version == version);

    public static List<ModelVersion> Versions(TrackingStore store) => store.RegisteredModels.SelectMany(m => m.Versions).ToList();

    /// <summary>Each version's model files as facts, without where they were found.</summary>
    public static string Artifacts(TrackingStore store) =>
        JsonSerializer.Serialize(Versions(store).Select(v => new { v.ModelName, v.Version, Artifact = v.Artifact is null ? null : v.Artifact with { Uri = "", LocalPath = null, ReadFrom = null } }), Json);
}
