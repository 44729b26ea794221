using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using YamlDotNet.RepresentationModel;

namespace Auditor.Rules;

/// <summary>
/// Validates YAML files against a JSON Schema kept in <c>rules/</c> (embedded in the tool):
/// <c>rule.schema.json</c> for rule and policy files, <c>config.schema.json</c> for configuration and attestations, <c>policy.schema.json</c> for the operator's policy.
/// </summary>
internal sealed class RuleSchema(string resourceName)
{
    public static readonly RuleSchema Rules = new("rules/rule.schema.json");

    public static readonly RuleSchema Config = new("rules/config.schema.json");

    public static readonly RuleSchema Policy = new("rules/policy.schema.json");

    private readonly Lazy<JsonSchema> _schema = new(() => JsonSchema.FromText(Text(resourceName)));

    private readonly Lazy<SchemaMessages> _messages = new(() => new SchemaMessages(JsonNode.Parse(Text(resourceName))!));

    private string FileName => resourceName["rules/".Length..];

    public static string Text(string resourceName)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"{resourceName} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Throws a <see cref="RuleFileException"/> naming the line and key of the first violation and what is allowed there.</summary>
    public void Validate(string file, string? ruleId, YamlMappingNode root)
    {
        var converter = new YamlToJson();
        JsonNode? instance;
        try
        {
            instance = converter.Convert(root);
        }
        catch (InvalidDataException e)
        {
            throw new RuleFileException(file, null, ruleId, e.Message);
        }

        var result = _schema.Value.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return;
        }

        // Errors inside a failed branch of a oneOf are noise when another branch matched: prefer the errors reached
        // through the fewest oneOf branches, then the first in the file, then the deepest. An 'if' that does not hold is no error.
        var errors = (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 } && !d.EvaluationPath.ToString().Split('/').Contains("if"))
            .SelectMany(d => d.Errors!.Where(e => e.Key is not ("oneOf" or "$ref" or "anyOf")).Select(e => (
                Branches: d.EvaluationPath.ToString().Split('/').Count(s => s == "oneOf"),
                Path: d.EvaluationPath.ToString(),
                Pointer: d.InstanceLocation.ToString(),
                Keyword: e.Key,
                Message: e.Value)))
            .ToList();
        if (errors.Count == 0)
        {
            throw new RuleFileException(file, null, ruleId, $"the document does not match {FileName}");
        }

        var first = errors.OrderBy(e => e.Branches).ThenBy(e => converter.LineOf(e.Pointer) ?? 0).ThenByDescending(e => e.Pointer.Length).First();
        throw new RuleFileException(file, converter.LineOf(first.Pointer), ruleId,
            _messages.Value.Explain(instance, first.Path, first.Pointer, first.Keyword, first.Message));
    }
}
