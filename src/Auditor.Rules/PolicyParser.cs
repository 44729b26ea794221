using Auditor.Core.Scoring;
using YamlDotNet.RepresentationModel;

namespace Auditor.Rules;

/// <summary>Parses the maturity policy (<c>kind: MaturityModel</c>): the levels 0-4 and their names.</summary>
internal static class PolicyParser
{
    public static MaturityPolicy Parse(string file, YamlMappingNode root)
    {
        var nodes = new YamlNodes(file, null);
        var levels = nodes.Sequence(nodes.Required(root, "levels"), "'levels'").Children
            .Select(node =>
            {
                var map = nodes.Mapping(node, "a level");
                return new MaturityLevel(nodes.Int(map, "level", 0, 4), nodes.Text(map, "name"), nodes.OptionalText(map, "description")?.Trim() ?? "");
            })
            .ToList();
        var numbers = levels.Select(l => l.Level).Order().ToList();
        if (!numbers.SequenceEqual(Enumerable.Range(0, 5)))
        {
            throw nodes.Error(root, "'levels' must define each level 0 to 4 exactly once");
        }

        return new MaturityPolicy { Levels = levels };
    }
}
