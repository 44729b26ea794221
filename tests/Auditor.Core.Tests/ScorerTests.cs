using Auditor.Core.Rules;
using Auditor.Core.Scoring;

namespace Auditor.Core.Tests;

public sealed class ScorerTests
{
    private static readonly MaturityPolicy Policy = new()
    {
        Levels = Enumerable.Range(0, 5).Select(l => new MaturityLevel(l, $"L{l}", "")).ToList(),
    };

    private static Finding Finding(string id, int level, Outcome outcome, bool required = true, string category = "tracking") => new()
    {
        RuleId = id, Slug = id, Title = id, Level = level, Category = category, Severity = Severity.Medium,
        Required = required, Outcome = outcome, Message = "",
    };

    [Fact]
    public void Attained_level_is_the_highest_with_all_lower_levels_met()
    {
        var card = Scorer.Score(Policy, [
            Finding("a", 1, Outcome.Pass),
            Finding("b", 2, Outcome.Pass),
            Finding("c", 3, Outcome.Fail),
            Finding("d", 4, Outcome.Pass),
        ]);

        Assert.Equal(2, card.Level);
        var level3 = card.Levels.Single(l => l.Level == 3);
        Assert.Equal(LevelStatus.NotMet, level3.Status);
        Assert.Equal(["c"], level3.Blocking);
    }

    [Fact]
    public void Unknown_required_rule_leaves_the_level_unknown_and_unattained()
    {
        var card = Scorer.Score(Policy, [Finding("a", 1, Outcome.Pass), Finding("b", 2, Outcome.Unknown), Finding("c", 2, Outcome.Pass)]);

        Assert.Equal(1, card.Level);
        Assert.Equal(LevelStatus.Unknown, card.Levels.Single(l => l.Level == 2).Status);
    }

    [Fact]
    public void Optional_rules_do_not_block_but_count_in_categories()
    {
        var card = Scorer.Score(Policy, [
            Finding("a", 1, Outcome.Pass),
            Finding("b", 1, Outcome.Fail, required: false),
            Finding("c", 1, Outcome.NotApplicable, category: "data"),
        ]);

        Assert.Equal(1, card.Level);
        var tracking = card.Categories.Single(c => c.Category == "tracking");
        Assert.Equal(50, tracking.Score);
        var data = card.Categories.Single(c => c.Category == "data");
        Assert.Null(data.Score);
        Assert.Equal(1, data.NotApplicable);
    }

    [Fact]
    public void A_level_without_criteria_is_unknown_not_met()
    {
        var card = Scorer.Score(Policy, [Finding("a", 1, Outcome.Pass)]);

        Assert.Equal(LevelStatus.Unknown, card.Levels.Single(l => l.Level == 2).Status);
        Assert.Equal(1, card.Level);
    }
}
