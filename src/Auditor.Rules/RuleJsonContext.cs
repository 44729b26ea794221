using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Auditor.Rules;

/// <summary>Source-generated metadata for the JSON the rule and config checks build (a YAML document as a <see cref="JsonNode"/>), so the Native AOT build needs no reflection.</summary>
[JsonSerializable(typeof(JsonNode))]
internal sealed partial class RuleJsonContext : JsonSerializerContext;
