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
        rationale: A healthy project trains often enough to compare.
        remediation:
          effort: low
          text: Run more experiments.
        references:
          other: "team practice"
        examples:
          pass:
            - runs.total: 150
          fail:
            - runs.total: 3
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
    public void Every_built_in_rule_file_matches_the_rule_schema()
    {
        // The run-time load skips the schema check for the embedded files; this test is where they are checked.
        var validated = RuleCatalogLoader.ValidateBuiltIns();

        Assert.Equal(RuleCatalogLoader.Load().Rules.Select(r => r.Id), validated.Rules.Select(r => r.Id));
        Assert.NotNull(validated.Policy);
    }

    [Fact]
    public void A_rules_folder_is_still_checked_against_the_schema_when_built_ins_are_not()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("typo.yaml"), ValidRule.Replace("severity: low\n", "severity: low\nseverty: high\n"));

        var error = Assert.Throws<RuleFileException>(() => RuleCatalogLoader.Load(folder.Path));

        Assert.Contains("unknown key 'severty'", error.Message);
    }

    [Fact]
    public void The_GenAI_pack_in_rules_genai_is_built_in_and_applies_only_to_GenAI_stores()
    {
        var genai = RuleCatalogLoader.Load().Rules.Where(r => r.Id.StartsWith("MLA-02", StringComparison.Ordinal)).ToList();

        Assert.Equal(Directory.GetFiles(Path.Combine(TestPaths.Rules, "genai"), "*.yaml").Length, genai.Count);
        Assert.Equal(7, genai.Count);
        Assert.All(genai, r => Assert.NotNull(r.ApplicableWhen));
        Assert.All(genai, r => Assert.Contains(r.ApplicableWhen!.FactNames, f => f.StartsWith("genai.", StringComparison.Ordinal)));
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
    [InlineData("severity: low\n", "", "missing required key 'severity'", 1)]
    [InlineData("    - runs.total: 3", "    - runs.total: 3\n      no.such: 1", "example uses unknown fact 'no.such'", 23)]
    [InlineData("slug: many-runs\n", "slug: Many Runs\n", "'slug' must be lower-case words joined by hyphens, like runs-log-params", 4)]
    [InlineData("  effort: low\n", "  effort: tiny\n", "'effort' under 'remediation' must be one of: low, medium, high", 14)]
    [InlineData("category: tracking\n", "category: vibes\n", "'category' must be one of: versioning, environment, tracking, model-management, data, testing, ci-cd, deployment, monitoring, security, process", 7)]
    [InlineData("  atLeast: 100\n", "  atLeast: 100\n  atMost: 5\n", "needs exactly one of", 10)]
    [InlineData("severity: low\n", "severity: urgent\n", "'severity' must be one of: info, low, medium, high, critical", 8)]
    [InlineData("severity: low\n", "severity: low\nseverty: high\n", "unknown key 'severty' (did you mean 'severity'?)", 9)]
    [InlineData("  effort: low\n", "  effort: low\n  txt: more\n", "unknown key 'txt' under 'remediation' (did you mean 'text'?)", 15)]
    [InlineData("severity: low\n", "severity: low\nmustApply: true\n", "'mustApply' needs 'required: true'", 9)]
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
    public void Every_built_in_rule_example_gives_its_outcome()
    {
        var rules = RuleCatalogLoader.LoadDirectory(TestPaths.Rules).Rules;

        Assert.Empty(RuleVerifier.Verify(rules));
        Assert.All(rules, r => Assert.Contains(r.Examples, e => e.Expected == Outcome.Pass));
        Assert.All(rules, r => Assert.Contains(r.Examples, e => e.Expected == Outcome.Fail));
    }

    [Fact]
    public void Example_that_gives_another_outcome_is_reported()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("wrong.yaml"), ValidRule.Replace("    - runs.total: 150\n", "    - runs.total: 2\n"));

        var problems = RuleVerifier.Verify(RuleCatalogLoader.LoadDirectory(folder.Path).Rules);

        Assert.Contains("rule TEAM-0001: pass example 1 gave fail", Assert.Single(problems));
    }

    [Fact]
    public void Built_in_catalogue_spans_every_level_and_cites_the_maturity_model()
    {
        var rules = RuleCatalogLoader.Load().Rules;

        Assert.Equal([1, 2, 3, 4], rules.Select(r => r.Level).Distinct().Order());
        Assert.All(rules, r => Assert.NotEmpty(r.References));
        Assert.Equal(rules.Count, rules.Select(r => r.Id).Distinct().Count());
        Assert.Equal(rules.Count, rules.Select(r => r.Slug).Distinct().Count());
    }

    [Fact]
    public void Docs_rules_md_is_generated_from_the_rule_files()
    {
        var expected = RuleDocumentation.Catalogue(RuleCatalogLoader.Load());
        var actual = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "docs", "rules.md"));

        Assert.True(expected == actual, "docs/rules.md is stale: run `dotnet run --project src/Auditor.Cli -- rules docs --output docs/rules.md`");
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
    public void Key_evidence_rules_carry_must_apply_into_their_findings()
    {
        var rules = RuleCatalogLoader.LoadDirectory(TestPaths.Rules).Rules;

        Assert.Equal(["MLA-0017", "MLA-0023"], rules.Where(r => r.MustApply).Select(r => r.Id).Order(StringComparer.Ordinal));
        var serving = rules.Single(r => r.Id == "MLA-0023");
        var finding = RuleEvaluator.Evaluate(serving, new FactSheet([Fact.Known("registry.servingVersions", FactValue.Of(0))]));
        Assert.Equal(Outcome.NotApplicable, finding.Outcome);
        Assert.True(finding.MustApply);
        Assert.Equal((4, true), (rules.Single(r => r.Id == "MLA-0017").Level, rules.Single(r => r.Id == "MLA-0017").Required));
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
