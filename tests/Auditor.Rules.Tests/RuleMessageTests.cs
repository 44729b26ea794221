using Auditor.Core.Rules;
using Auditor.Testing;

namespace Auditor.Rules.Tests;

public sealed class RuleMessageTests
{
    private static RuleDefinition Rule(string id) => RuleCatalogLoader.Load().Rules.Single(r => r.Id == id);

    private static FactSheet Facts(params (string Name, double Value)[] facts) =>
        new(facts.Select(f => Fact.Known(f.Name, FactValue.Of(f.Value))));

    [Fact]
    public void Every_shipped_rule_has_pass_fail_and_unknown_sentences()
    {
        Assert.All(RuleCatalogLoader.Load().Rules, rule =>
        {
            Assert.False(string.IsNullOrWhiteSpace(rule.Messages.Pass), rule.Id);
            Assert.False(string.IsNullOrWhiteSpace(rule.Messages.Fail), rule.Id);
            Assert.Contains("{reason}", rule.Messages.Unknown);
        });
        Assert.Empty(RuleVerifier.Verify(RuleCatalogLoader.Load().Rules));
    }

    [Fact]
    public void A_failing_share_reads_as_a_count_with_the_expression_kept()
    {
        var finding = RuleEvaluator.Evaluate(Rule("MLA-0007"), Facts(("runs.finished", 13), ("runs.paramsShare", 4.0 / 13)));

        Assert.Equal(Outcome.Fail, finding.Outcome);
        Assert.Equal("9 of 13 finished runs log no parameters (at least 90% should).", finding.Message);
        Assert.Equal("runs.paramsShare is 0.308, expected at least 0.9", finding.Expression);
    }

    [Fact]
    public void A_passing_share_and_an_unknown_reason_read_as_sentences()
    {
        var pass = RuleEvaluator.Evaluate(Rule("MLA-0003"), Facts(("runs.total", 20), ("runs.gitCommitShare", 1)));
        var unknown = RuleEvaluator.Evaluate(Rule("MLA-0030"), new FactSheet([Fact.Unknown("environment.pinnedShare", "no file declares a requirement")]));

        Assert.Equal("20 of 20 runs record their git commit.", pass.Message);
        Assert.Equal("Whether dependencies are pinned could not be checked: no file declares a requirement", unknown.Message);
        Assert.Equal("Unknown: no file declares a requirement", unknown.Expression);
    }

    [Fact]
    public void A_bounded_fact_keeps_the_expression_rather_than_a_false_exact_number()
    {
        var facts = new FactSheet([Fact.Bounded("runs.commitsMissing", 2, 5, "shallow clone")]);

        var finding = RuleEvaluator.Evaluate(Rule("MLA-0038"), facts);

        Assert.Equal(Outcome.Fail, finding.Outcome);
        Assert.Equal(finding.Expression, finding.Message);
        Assert.Contains("between 2 and 5", finding.Message);
    }

    [Fact]
    public void Verify_names_a_template_fact_the_rule_does_not_read()
    {
        using var folder = new TempFolder();
        var rule = File.ReadAllText(Path.Combine(TestPaths.Rules, "MLA-0007-runs-log-params.yaml"))
            .Replace("{runs.paramsShare:missingOf:runs.finished}", "{runs.total}")
            .Replace("id: MLA-0007", "id: TEAM-0007");
        File.WriteAllText(folder.Combine("team.yaml"), rule);

        var problems = RuleVerifier.Verify(RuleCatalogLoader.LoadDirectory(folder.Path).Rules.Where(r => r.Id == "TEAM-0007"));

        var problem = Assert.Single(problems);
        Assert.Contains("message template names 'runs.total', which the rule does not read (it reads runs.finished, runs.paramsShare)", problem);
    }
}
