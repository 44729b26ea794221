using Auditor.Core.Rules;

namespace Auditor.Core.Tests;

public sealed class ConditionTests
{
    private static readonly CompareCondition ShareAtLeast90 = new("runs.gitCommitShare", ComparisonOperator.AtLeast, FactValue.Of(0.9));

    [Theory]
    [InlineData(0.95, Tri.True)]
    [InlineData(0.9, Tri.True)]
    [InlineData(0.5, Tri.False)]
    public void Comparison_holds_against_the_threshold(double share, Tri expected)
    {
        var result = ShareAtLeast90.Evaluate(Facts.Sheet(Facts.Number("runs.gitCommitShare", share)));

        Assert.Equal(expected, result.Value);
        Assert.Contains("expected at least 0.9", Assert.Single(result.Observations));
    }

    [Fact]
    public void Unknown_fact_makes_the_comparison_unknown_with_the_reason()
    {
        var result = ShareAtLeast90.Evaluate(Facts.Sheet(Fact.Unknown("runs.gitCommitShare", "store unreadable")));

        Assert.Equal(Tri.Unknown, result.Value);
        Assert.Equal(["store unreadable"], result.UnknownReasons);
    }

    [Fact]
    public void All_is_false_when_any_part_is_false_even_if_another_is_unknown()
    {
        var all = new AllCondition([ShareAtLeast90, new CompareCondition("tracking.present", ComparisonOperator.EqualTo, FactValue.Of(true))]);

        var result = all.Evaluate(Facts.Sheet(Facts.Number("runs.gitCommitShare", 0.1)));

        Assert.Equal(Tri.False, result.Value);
    }

    [Fact]
    public void Any_is_unknown_when_nothing_is_true_and_something_is_unknown()
    {
        var any = new AnyCondition([ShareAtLeast90, new CompareCondition("tracking.present", ComparisonOperator.EqualTo, FactValue.Of(true))]);

        Assert.Equal(Tri.Unknown, any.Evaluate(Facts.Sheet(Facts.Number("runs.gitCommitShare", 0.1))).Value);
        Assert.Equal(Tri.True, any.Evaluate(Facts.Sheet(Facts.Number("runs.gitCommitShare", 0.1), Facts.Flag("tracking.present", true))).Value);
    }

    [Fact]
    public void Not_inverts_but_keeps_unknown()
    {
        var not = new NotCondition(ShareAtLeast90);

        Assert.Equal(Tri.True, not.Evaluate(Facts.Sheet(Facts.Number("runs.gitCommitShare", 0.1))).Value);
        Assert.Equal(Tri.Unknown, not.Evaluate(Facts.Sheet()).Value);
    }

    [Fact]
    public void Comparing_a_boolean_with_a_number_is_unknown_not_false()
    {
        var result = ShareAtLeast90.Evaluate(Facts.Sheet(Facts.Flag("runs.gitCommitShare", true)));

        Assert.Equal(Tri.Unknown, result.Value);
    }

    [Theory]
    [InlineData(0.95, 1.0, Tri.True)]
    [InlineData(0.2, 0.5, Tri.False)]
    [InlineData(0.5, 1.0, Tri.Unknown)]
    public void Bounded_fact_decides_a_comparison_only_when_both_bounds_agree(double lower, double upper, Tri expected)
    {
        var result = ShareAtLeast90.Evaluate(Facts.Sheet(Fact.Bounded("runs.gitCommitShare", lower, upper, "the clone is shallow; fetch-depth: 0")));

        Assert.Equal(expected, result.Value);
        Assert.Contains("fetch-depth: 0", string.Join(" ", result.Observations.Concat(result.UnknownReasons)));
    }

    [Theory]
    [InlineData(0, 2, Tri.Unknown)]
    [InlineData(1, 3, Tri.False)]
    public void Bounded_count_equal_to_zero_fails_only_when_zero_is_out_of_bounds(double lower, double upper, Tri expected)
    {
        var noneMissing = new CompareCondition("runs.commitsMissing", ComparisonOperator.EqualTo, FactValue.Of(0));

        Assert.Equal(expected, noneMissing.Evaluate(Facts.Sheet(Fact.Bounded("runs.commitsMissing", lower, upper, "shallow"))).Value);
    }

    [Fact]
    public void Bounded_fact_with_equal_bounds_is_exact()
    {
        var fact = Fact.Bounded("runs.gitCommitShare", 0.5, 0.5, "unused");

        Assert.Null(fact.Upper);
        Assert.Equal(Tri.False, ShareAtLeast90.Evaluate(Facts.Sheet(fact)).Value);
    }
}
