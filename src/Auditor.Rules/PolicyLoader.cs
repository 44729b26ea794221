using Auditor.Core.Assessment;
using YamlDotNet.RepresentationModel;

namespace Auditor.Rules;

/// <summary>
/// Reads the operator's policy (<c>kind: Policy</c>, validated against <c>rules/policy.schema.json</c>): what the
/// audited project's configuration may do. An invalid file is one error naming the file and line.
/// </summary>
public static class PolicyLoader
{
    public const string EnvironmentVariable = "MLAUDIT_POLICY";

    /// <summary>The policy in <paramref name="file"/>; <paramref name="source"/> says how it was named (<c>--policy</c> or <c>MLAUDIT_POLICY</c>).</summary>
    public static AuditPolicy Load(string file, string source)
    {
        if (!File.Exists(file))
        {
            throw new RuleFileException(file, null, null, $"the policy file ({source}) does not exist");
        }

        YamlMappingNode root;
        using (var reader = new StreamReader(file))
        {
            root = YamlNodes.LoadDocument(file, reader);
        }

        RuleSchema.Policy.Validate(file, null, root);
        var nodes = new YamlNodes(file, null);
        var waivers = nodes.Optional(root, "waivers") as YamlMappingNode;
        var attestations = nodes.Optional(root, "attestations") as YamlMappingNode;
        var rules = nodes.Optional(root, "rules") as YamlMappingNode;
        var defaults = AuditPolicy.Default;
        return new AuditPolicy
        {
            Source = source,
            File = file,
            ProjectWaivers = waivers is null ? defaults.ProjectWaivers : nodes.Bool(waivers, "allowed", defaults.ProjectWaivers),
            MaxWaiverDays = Days(nodes, waivers, defaults.MaxWaiverDays),
            ProjectAttestations = attestations is null ? defaults.ProjectAttestations : nodes.Bool(attestations, "allowed", defaults.ProjectAttestations),
            MaxAttestationDays = Days(nodes, attestations, defaults.MaxAttestationDays),
            ProtectRequired = rules is null ? defaults.ProtectRequired : nodes.Bool(rules, "protectRequired", defaults.ProtectRequired),
            ProtectedRules = Names(nodes, rules, "protect"),
            ProtectedCategories = Names(nodes, rules, "protectCategories"),
            AllowedRules = Names(nodes, rules, "allow"),
            AllowedCategories = Names(nodes, rules, "allowCategories"),
            ProjectTrackingUri = nodes.OptionalText(root, "trackingUri") switch
            {
                "local" => ProjectTrackingUriUse.Local,
                "ignore" => ProjectTrackingUriUse.Ignore,
                _ => ProjectTrackingUriUse.Anonymous,
            },
        };
    }

    private static int Days(YamlNodes nodes, YamlMappingNode? map, int fallback) =>
        map is not null && nodes.Optional(map, "maxDays") is not null ? nodes.Int(map, "maxDays", 0, int.MaxValue) : fallback;

    private static HashSet<string> Names(YamlNodes nodes, YamlMappingNode? map, string key) =>
        (map is null ? null : nodes.Optional(map, key)) is YamlSequenceNode list
            ? list.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
}
