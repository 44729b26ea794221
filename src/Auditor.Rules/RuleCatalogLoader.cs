using System.Reflection;
using Auditor.Core.Rules;
using Auditor.Core.Scoring;
using YamlDotNet.RepresentationModel;

namespace Auditor.Rules;

/// <summary>
/// Loads the built-in rules (embedded from <c>rules/</c>) and, optionally, a folder of rules that add to
/// or override them by id. A file that fails validation stops the load with a <see cref="RuleFileException"/>.
/// The built-in files are checked against <c>rule.schema.json</c> once, by the test suite
/// (<see cref="ValidateBuiltIns"/>), not on every run; a folder of rules is checked every time it is loaded.
/// </summary>
public static class RuleCatalogLoader
{
    private const string ResourcePrefix = "rules/";

    public static RuleCatalog Load(string? extraRulesDirectory = null)
    {
        var builtIn = LoadSet(BuiltInFiles(), validate: false);
        if (builtIn.Policy is null)
        {
            throw new RuleFileException("rules/maturity-model.yaml", null, null, "the built-in maturity policy is missing");
        }

        if (extraRulesDirectory is null)
        {
            return new RuleCatalog(builtIn.Rules, builtIn.Policy);
        }

        var extra = LoadDirectory(extraRulesDirectory);
        var rules = builtIn.Rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
        foreach (var rule in extra.Rules)
        {
            rules[rule.Id] = rule;
        }

        return new RuleCatalog(rules.Values.OrderBy(r => r.Id, StringComparer.Ordinal).ToList(), extra.Policy ?? builtIn.Policy);
    }

    /// <summary>Loads every *.yaml/*.yml file of a folder on its own (used by <c>rules verify</c>).</summary>
    public static (IReadOnlyList<RuleDefinition> Rules, MaturityPolicy? Policy) LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new RuleFileException(directory, null, null, "the rules folder does not exist");
        }

        var files = Directory.EnumerateFiles(directory, "*.*", SearchOption.AllDirectories)
            .Where(IsYaml)
            .Order(StringComparer.Ordinal)
            .Select(f => (Name: f, Open: (Func<TextReader>)(() => new StreamReader(f))));
        return LoadSet(files, validate: true);
    }

    /// <summary>Loads the built-in rules with the schema check that <see cref="Load"/> skips for them (run by the tests).</summary>
    internal static (IReadOnlyList<RuleDefinition> Rules, MaturityPolicy? Policy) ValidateBuiltIns() => LoadSet(BuiltInFiles(), validate: true);

    private static bool IsYaml(string name) =>
        name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<(string Name, Func<TextReader> Open)> BuiltInFiles()
    {
        var assembly = typeof(RuleCatalogLoader).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && IsYaml(n))
            .Order(StringComparer.Ordinal)
            .Select(n => (n, (Func<TextReader>)(() => new StreamReader(assembly.GetManifestResourceStream(n)!))));
    }

    private static (IReadOnlyList<RuleDefinition> Rules, MaturityPolicy? Policy) LoadSet(IEnumerable<(string Name, Func<TextReader> Open)> files, bool validate)
    {
        var rules = new Dictionary<string, RuleDefinition>(StringComparer.Ordinal);
        MaturityPolicy? policy = null;
        foreach (var (name, open) in files)
        {
            YamlMappingNode root;
            using (var reader = open())
            {
                root = YamlNodes.LoadDocument(name, reader);
            }

            var nodes = new YamlNodes(name, null);
            var apiVersion = nodes.Text(root, "apiVersion");
            if (apiVersion != RuleParser.ApiVersion)
            {
                throw nodes.Error(nodes.Optional(root, "apiVersion"), $"unsupported apiVersion '{apiVersion}' (expected {RuleParser.ApiVersion})");
            }

            switch (nodes.Text(root, "kind"))
            {
                case "Rule":
                    var rule = RuleParser.Parse(name, root);
                    if (validate)
                    {
                        RuleSchema.Rules.Validate(name, rule.Id, root);
                    }

                    if (rules.TryGetValue(rule.Id, out var first))
                    {
                        throw new RuleFileException(name, (int)root.Start.Line, rule.Id, $"duplicate rule id, already defined in {first.Source}");
                    }

                    rules[rule.Id] = rule;
                    break;
                case "MaturityModel":
                    policy = PolicyParser.Parse(name, root);
                    if (validate)
                    {
                        RuleSchema.Rules.Validate(name, null, root);
                    }

                    break;
                case var other:
                    throw nodes.Error(nodes.Optional(root, "kind"), $"unknown kind '{other}' (Rule or MaturityModel)");
            }
        }

        return (rules.Values.OrderBy(r => r.Id, StringComparer.Ordinal).ToList(), policy);
    }
}
