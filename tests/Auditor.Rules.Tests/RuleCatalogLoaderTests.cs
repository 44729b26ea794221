using Auditor.Core.Facts;
using Auditor.Core.Rules;
using Auditor.Testing;

namespace Auditor.Rules.Tests;

public sealed class RuleCatalogLoaderTests
{
    private const string ValidRule = """
        apiVersion: mlaudit/v1
        kind: Rule
        id: TEAM-0001
        slug: many-runs
        title: The project has many runs
        level: 2
        category: tracking
        severity: low
        check:
          fact: runs.total
          atLeast: 100
        rationale: Because.
        remediation: Run more.
        """;

    [Fact]
    public void Built_in_rules_are_embedded_and_match_the_rules_folder()
    {
        var catalog = RuleCatalogLoader.Load();
        var folder = RuleCatalogLoader.LoadDirectory(TestPaths.Rules);

        Assert.Equal(folder.Rules.Select(r => r.Id), catalog.Rules.Select(r => r.Id));
        Assert.Equal(5, catalog.Policy.Levels.Count);
        Assert.All(catalog.Rules, r => Assert.All(r.Check.FactNames, f => Assert.True(FactCatalog.IsKnown(f))));
    }

    [Fact]
    public void Extra_folder_adds_rules_and_overrides_by_id()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("many-runs.yaml"), ValidRule);
        File.WriteAllText(folder.Combine("override.yaml"), ValidRule.Replace("TEAM-0001", "MLA-0003").Replace("atLeast: 100", "atLeast: 5"));

        var catalog = RuleCatalogLoader.Load(folder.Path);

        Assert.Contains(catalog.Rules, r => r.Id == "TEAM-0001");
        var overridden = Assert.Single(catalog.Rules, r => r.Id == "MLA-0003");
        Assert.Equal("The project has many runs", overridden.Title);
    }

    [Theory]
    [InlineData("check:\n  fact: runs.total\n  atLeast: 100\n", "check:\n  fact: no.such.fact\n  atLeast: 1\n", "unknown fact 'no.such.fact'", 10)]
    [InlineData("level: 2\n", "level: 9\n", "'level' must be a whole number from 1 to 4", 6)]
    [InlineData("severity: low\n", "", "missing required field 'severity'", 1)]
    [InlineData("category: tracking\n", "category: vibes\n", "unknown category 'vibes'", 7)]
    [InlineData("  atLeast: 100\n", "  atLeast: 100\n  atMost: 5\n", "needs exactly one of", 10)]
    public void Broken_rule_names_file_line_and_rule(string find, string replace, string problem, int line)
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("broken.yaml"), ValidRule.Replace(find, replace));

        var error = Assert.Throws<RuleFileException>(() => RuleCatalogLoader.Load(folder.Path));

        Assert.Contains("broken.yaml", error.Message);
        Assert.Contains("rule TEAM-0001", error.Message);
        Assert.Contains(problem, error.Message);
        Assert.Equal(line, error.Line);
    }

    [Fact]
    public void Invalid_yaml_names_the_line()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("bad.yaml"), "apiVersion: mlaudit/v1\nkind: [Rule\n");

        var error = Assert.Throws<RuleFileException>(() => RuleCatalogLoader.Load(folder.Path));

        Assert.Contains("bad.yaml:", error.Message);
        Assert.Contains("invalid YAML", error.Message);
    }

    [Fact]
    public void Duplicate_ids_in_one_folder_are_rejected()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("a.yaml"), ValidRule);
        File.WriteAllText(folder.Combine("b.yaml"), ValidRule);

        var error = Assert.Throws<RuleFileException>(() => RuleCatalogLoader.Load(folder.Path));

        Assert.Contains("duplicate rule id", error.Message);
    }

    [Fact]
    public void Loaded_rule_evaluates_as_written()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("many-runs.yaml"), ValidRule);
        var rule = Assert.Single(RuleCatalogLoader.LoadDirectory(folder.Path).Rules);

        var few = RuleEvaluator.Evaluate(rule, new FactSheet([Fact.Known("runs.total", FactValue.Of(3))]));
        var many = RuleEvaluator.Evaluate(rule, new FactSheet([Fact.Known("runs.total", FactValue.Of(300))]));

        Assert.Equal(Outcome.Fail, few.Outcome);
        Assert.Equal(Outcome.Pass, many.Outcome);
    }
}
