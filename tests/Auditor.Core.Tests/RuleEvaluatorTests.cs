using Auditor.Core.Evidence;
using Auditor.Core.Rules;

namespace Auditor.Core.Tests;

public sealed class RuleEvaluatorTests
{
    private static RuleDefinition Rule(Condition? applicableWhen = null) => new()
    {
        Id = "T-1",
        Slug = "t",
        Title = "Runs record commits",
        Level = 2,
        Category = "tracking",
        Required = true,
        Check = new CompareCondition("runs.gitCommitShare", ComparisonOperator.AtLeast, FactValue.Of(0.9)),
        ApplicableWhen = applicableWhen,
    };

    [Fact]
    public void Failing_check_carries_the_evidence_of_its_facts_capped()
    {
        var evidence = Enumerable.Range(0, 40).Select(i => new EvidenceRef("run", $"run-{i}")).ToList();
        var facts = Facts.Sheet(Fact.Known("runs.gitCommitShare", FactValue.Of(0.2), evidence));

        var finding = RuleEvaluator.Evaluate(Rule(), facts);

        Assert.Equal(Outcome.Fail, finding.Outcome);
        Assert.Equal(RuleEvaluator.EvidenceCap, finding.Evidence.Count);
        Assert.Equal(40, finding.EvidenceTotal);
        Assert.Contains("0.2", finding.Message);
    }

    [Fact]
    public void Rule_that_does_not_apply_is_not_applicable_with_why()
    {
        var applies = new CompareCondition("runs.total", ComparisonOperator.AtLeast, FactValue.Of(1));

        var finding = RuleEvaluator.Evaluate(Rule(applies), Facts.Sheet(Facts.Number("runs.total", 0)));

        Assert.Equal(Outcome.NotApplicable, finding.Outcome);
        Assert.Contains("runs.total is 0", finding.Message);
    }

    [Fact]
    public void Missing_evidence_gives_unknown_never_pass()
    {
        var finding = RuleEvaluator.Evaluate(Rule(), Facts.Sheet(Fact.Unknown("runs.gitCommitShare", "the store is locked")));

        Assert.Equal(Outcome.Unknown, finding.Outcome);
        Assert.Contains("the store is locked", finding.Message);
    }
}
