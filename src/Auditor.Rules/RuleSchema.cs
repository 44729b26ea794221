using System.Reflection;
using System.Text.Json;
using Json.Schema;
using YamlDotNet.RepresentationModel;

namespace Auditor.Rules;

/// <summary>Validates rule and policy files against <c>rules/rule.schema.json</c> (embedded in the tool).</summary>
internal static class RuleSchema
{
    public const string ResourceName = "rules/rule.schema.json";

    private static readonly Lazy<JsonSchema> Schema = new(Load);

    public static string Text()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Throws a <see cref="RuleFileException"/> naming the line of the first (deepest) violation.</summary>
    public static void Validate(string file, string? ruleId, YamlMappingNode root)
    {
        var converter = new YamlToJson();
        var json = JsonSerializer.SerializeToElement(converter.Convert(root));
        var result = Schema.Value.Evaluate(json, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return;
        }

        // Errors inside a failed branch of a oneOf are noise when another branch matched: prefer the errors
        // reached through the fewest oneOf branches, then the deepest one. An 'if' that does not hold is no error.
        var (pointer, message) = (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 } && !d.EvaluationPath.ToString().Split('/').Contains("if"))
            .SelectMany(d => d.Errors!.Where(e => e.Key is not ("oneOf" or "$ref" or "anyOf")).Select(e => (
                Branches: d.EvaluationPath.ToString().Split('/').Count(s => s == "oneOf"),
                Pointer: d.InstanceLocation.ToString(),
                Message: e.Value)))
            .OrderBy(e => e.Branches).ThenByDescending(e => e.Pointer.Length)
            .Select(e => (e.Pointer, e.Message))
            .FirstOrDefault();
        pointer ??= "";
        throw new RuleFileException(file, converter.LineOf(pointer), ruleId,
            $"does not match rule.schema.json at '{(pointer.Length == 0 ? "/" : pointer)}': {message ?? "the document has the wrong shape"}");
    }

    private static JsonSchema Load() => JsonSchema.FromText(Text(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
}
