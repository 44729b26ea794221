using System.Globalization;
using Auditor.Core.Assessment;
using Auditor.Core.Rules;
using YamlDotNet.RepresentationModel;

namespace Auditor.Rules;

/// <summary>
/// Reads a project's <c>.mlaudit.yml</c> (validated against <c>rules/config.schema.json</c>) and the
/// attestation file it points to. Relative paths resolve against the configuration file's folder.
/// </summary>
public static class ProjectConfigLoader
{
    public static readonly string[] DefaultNames = [".mlaudit.yml", ".mlaudit.yaml"];

    public const string DefaultAttestationsFile = ".mlaudit-attestations.yml";

    /// <summary>The configuration in the project folder, or the defaults when it has none.</summary>
    public static ProjectConfig LoadForProject(string projectPath)
    {
        var file = DefaultNames.Select(n => Path.Combine(projectPath, n)).FirstOrDefault(File.Exists);
        if (file is not null)
        {
            return Load(file);
        }

        var attestations = Path.Combine(projectPath, DefaultAttestationsFile);
        return ProjectConfig.Empty with
        {
            AttestationsFile = attestations,
            Attestations = File.Exists(attestations) ? AttestationFile.Load(attestations) : [],
        };
    }

    public static ProjectConfig Load(string file)
    {
        if (!File.Exists(file))
        {
            throw new RuleFileException(file, null, null, "the configuration file does not exist");
        }

        YamlMappingNode root;
        using (var reader = new StreamReader(file))
        {
            root = YamlNodes.LoadDocument(file, reader);
        }

        RuleSchema.Config.Validate(file, null, root);
        var nodes = new YamlNodes(file, null);
        if (nodes.Text(root, "kind") != "Config")
        {
            throw nodes.Error(root, "expected kind: Config");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        var rules = nodes.Optional(root, "rules") as YamlMappingNode;
        var gate = nodes.Optional(root, "gate") as YamlMappingNode;
        var attestations = Path.GetFullPath(nodes.OptionalText(root, "attestations") ?? DefaultAttestationsFile, folder);
        return new ProjectConfig
        {
            Source = file,
            ProjectPath = nodes.OptionalText(root, "project") is { } project ? Path.GetFullPath(project, folder) : null,
            TrackingUri = nodes.OptionalText(root, "trackingUri"),
            IgnorePaths = Texts(nodes.Optional(root, "ignorePaths")),
            DisabledRules = Texts(rules is null ? null : nodes.Optional(rules, "disable")).ToHashSet(StringComparer.Ordinal),
            DisabledCategories = Texts(rules is null ? null : nodes.Optional(rules, "disableCategories")).ToHashSet(StringComparer.Ordinal),
            Thresholds = Thresholds(rules is null ? null : nodes.Optional(rules, "thresholds")),
            Gate = new ConfiguredGate(
                gate is null ? null : (nodes.Optional(gate, "minLevel") is YamlScalarNode { Value: { } min } ? int.Parse(min, CultureInfo.InvariantCulture) : null),
                gate is null ? null : (nodes.OptionalText(gate, "failOn") is { } failOn ? Enum.Parse<Severity>(failOn, ignoreCase: true) : null)),
            Waivers = Waivers(nodes, nodes.Optional(root, "waivers")),
            AttestationsFile = attestations,
            Attestations = File.Exists(attestations) ? AttestationFile.Load(attestations) : [],
        };
    }

    private static List<string> Texts(YamlNode? node) =>
        node is YamlSequenceNode list ? list.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").ToList() : [];

    private static Dictionary<string, IReadOnlyDictionary<string, double>> Thresholds(YamlNode? node)
    {
        var result = new Dictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal);
        if (node is YamlMappingNode map)
        {
            foreach (var (rule, facts) in map.Children)
            {
                result[((YamlScalarNode)rule).Value!] = ((YamlMappingNode)facts).Children.ToDictionary(
                    f => ((YamlScalarNode)f.Key).Value!,
                    f => double.Parse(((YamlScalarNode)f.Value).Value!, CultureInfo.InvariantCulture),
                    StringComparer.Ordinal);
            }
        }

        return result;
    }

    private static List<Waiver> Waivers(YamlNodes nodes, YamlNode? node) =>
        node is not YamlSequenceNode list
            ? []
            : list.Children.Cast<YamlMappingNode>().Select(w => new Waiver
            {
                RuleId = nodes.Text(w, "rule"),
                Reason = Enum.Parse<WaiverReason>(nodes.Text(w, "reason").Replace("-", ""), ignoreCase: true),
                Owner = nodes.Text(w, "owner"),
                Justification = nodes.Text(w, "justification").Trim(),
                Expires = Date(nodes, w, "expires"),
            }).ToList();

    internal static DateOnly Date(YamlNodes nodes, YamlMappingNode map, string key) =>
        DateOnly.TryParseExact(nodes.Text(map, key), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw nodes.Error(nodes.Optional(map, key), $"'{key}' is not a real date (yyyy-MM-dd)");
}
