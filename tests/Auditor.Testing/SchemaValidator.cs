using System.Collections.Concurrent;
using System.Text.Json;
using Json.Schema;

namespace Auditor.Testing;

/// <summary>Validates JSON against a JSON Schema file with JsonSchema.Net (formats enforced); returns the errors, one line each.</summary>
public static class SchemaValidator
{
    private static readonly ConcurrentDictionary<string, JsonSchema> Schemas = new();

    public static IReadOnlyList<string> Errors(string schemaPath, string json)
    {
        var schema = Schemas.GetOrAdd(Path.GetFullPath(schemaPath), path =>
            JsonSchema.FromText(File.ReadAllText(path)));
        using var document = JsonDocument.Parse(json);
        var results = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (results.IsValid)
        {
            return [];
        }

        return (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"))
            .DefaultIfEmpty("invalid (no details)")
            .ToList();
    }

    /// <summary>Asserts the JSON is valid, printing every error when it is not.</summary>
    public static void AssertValid(string schemaPath, string json)
    {
        var errors = Errors(schemaPath, json);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(schemaPath)}: {errors.Count} error(s):\n" + string.Join("\n", errors.Take(40)));
        }
    }
}
