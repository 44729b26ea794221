using System.Text.Json;

namespace Auditor.Evidence.MLflow.Artifacts;

/// <summary>
/// The run tag <c>mlflow.log-model.history</c> (1.x/2.x): a JSON list with one entry per <c>log_model</c> call,
/// each with the model's <c>artifact_path</c> relative to the run's artifact URI.
/// </summary>
internal static class LogModelHistory
{
    /// <summary>The artifact paths in the tag; throws <see cref="FormatException"/> when it is not the expected JSON.</summary>
    public static IReadOnlyList<string> ArtifactPaths(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("expected a JSON list");
            }

            return document.RootElement.EnumerateArray()
                .Where(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("artifact_path", out var p) && p.ValueKind == JsonValueKind.String)
                .Select(e => e.GetProperty("artifact_path").GetString()!)
                .Where(p => p.Length > 0)
                .Distinct(StringComparer.Ordinal)
                .ToList();
        }
        catch (JsonException e)
        {
            throw new FormatException("not valid JSON: " + e.Message, e);
        }
    }

    /// <summary>An artifact path joined onto the run's artifact URI; a path that is already a URI or absolute is kept.</summary>
    public static string Join(string artifactUri, string artifactPath) =>
        artifactPath.Contains(':', StringComparison.Ordinal) || artifactPath.StartsWith('/') ? artifactPath : artifactUri.TrimEnd('/') + "/" + artifactPath;
}
