using System.Globalization;
using Auditor.Core.Assessment;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Auditor.Rules;

/// <summary>Reads and writes the attestation file (<c>kind: Attestations</c>) that <c>mlaudit assess</c> maintains.</summary>
public static class AttestationFile
{
    public static IReadOnlyList<Attestation> Load(string file)
    {
        YamlMappingNode root;
        using (var reader = new StreamReader(file))
        {
            root = YamlNodes.LoadDocument(file, reader);
        }

        RuleSchema.Config.Validate(file, null, root);
        var nodes = new YamlNodes(file, null);
        if (nodes.Text(root, "kind") != "Attestations")
        {
            throw nodes.Error(root, "expected kind: Attestations");
        }

        return ((YamlSequenceNode)nodes.Required(root, "attestations")).Children.Cast<YamlMappingNode>().Select(a => new Attestation
        {
            RuleId = nodes.Text(a, "rule"),
            Answer = nodes.Text(a, "answer") == "yes" ? AttestationAnswer.Yes : AttestationAnswer.No,
            Owner = nodes.Text(a, "owner"),
            Date = ProjectConfigLoader.Date(nodes, a, "date"),
            Expires = ProjectConfigLoader.Date(nodes, a, "expires"),
            Evidence = nodes.OptionalText(a, "evidence"),
            Note = nodes.OptionalText(a, "note"),
        }).ToList();
    }

    /// <summary>Writes the attestations, one per rule, sorted by rule id, replacing the file.</summary>
    public static void Save(string file, IEnumerable<Attestation> attestations)
    {
        var list = new YamlSequenceNode();
        foreach (var a in attestations.OrderBy(a => a.RuleId, StringComparer.Ordinal))
        {
            var entry = new YamlMappingNode
            {
                { "rule", a.RuleId },
                { "answer", new YamlScalarNode(a.Answer == AttestationAnswer.Yes ? "yes" : "no") { Style = ScalarStyle.DoubleQuoted } },
                { "owner", a.Owner },
                { "date", a.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
                { "expires", a.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
            };
            if (a.Evidence is { Length: > 0 } evidence)
            {
                entry.Add("evidence", evidence);
            }

            if (a.Note is { Length: > 0 } note)
            {
                entry.Add("note", note);
            }

            list.Add(entry);
        }

        var root = new YamlMappingNode { { "apiVersion", "mlaudit/v1" }, { "kind", "Attestations" }, { "attestations", list } };
        using var writer = new StreamWriter(file);
        writer.WriteLine("# Answers to the criteria no file can show; maintained by `mlaudit assess`.");
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
    }
}
