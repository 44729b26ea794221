using Auditor.Core.Rules;
using Auditor.Core.Scoring;

namespace Auditor.Core.Tests;

public sealed class ScorerTests
{
    private static readonly MaturityPolicy Policy = new()
    {
        Levels = Enumerable.Range(0, 5).Select(l => new MaturityLevel(l, $"L{l}", "")).ToList(),
    };

    private static Finding Finding(string id, int level, Outcome outcome, bool required = true, string category = "tracking", bool mustApply = false) => new()
    {
        RuleId = id, Slug = id, Title = id, Level = level, Category = category, Severity = Severity.Medium,
        Required = required, Outcome = outcome, Message = "", MustApply = mustApply,
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

    [Fact]
    public void Level_above_the_attained_one_whose_own_criteria_pass_is_criteria_met_not_reached()
    {
        var card = Scorer.Score(Policy, [
            Finding("a", 1, Outcome.Fail),
            Finding("b", 2, Outcome.Pass),
            Finding("c", 3, Outcome.Pass),
            Finding("d", 4, Outcome.Pass),
        ]);

        Assert.Equal(0, card.Level);
        Assert.True(card.Levels.Single(l => l.Level == 0).Reached);
        Assert.All(card.Levels.Where(l => l.Level >= 2), l =>
        {
            Assert.Equal(LevelStatus.CriteriaMet, l.Status);
            Assert.False(l.Reached);
        });
        Assert.All(card.Levels.Where(l => l.Level > card.Level), l => Assert.False(l.Reached));
    }

    [Fact]
    public void Levels_up_to_the_attained_one_are_reached_and_only_those()
    {
        var card = Scorer.Score(Policy, [Finding("a", 1, Outcome.Pass), Finding("b", 2, Outcome.Pass), Finding("c", 3, Outcome.Fail), Finding("d", 4, Outcome.Pass)]);

        Assert.Equal([true, true, true, false, false], card.Levels.Select(l => l.Reached));
        Assert.Equal([LevelStatus.Reached, LevelStatus.Reached, LevelStatus.Reached, LevelStatus.NotMet, LevelStatus.CriteriaMet], card.Levels.Select(l => l.Status));
    }

    [Fact]
    public void Level_whose_required_rules_all_do_not_apply_is_not_met()
    {
        var card = Scorer.Score(Policy, [Finding("a", 1, Outcome.Pass), Finding("b", 2, Outcome.NotApplicable), Finding("c", 2, Outcome.NotApplicable)]);

        Assert.Equal(LevelStatus.Unknown, card.Levels.Single(l => l.Level == 2).Status);
        Assert.Equal(1, card.Level);
    }

    [Fact]
    public void Key_evidence_that_does_not_apply_blocks_its_level()
    {
        // No store: the serving version rule does not apply, deployment automation passes. Level 3 must not read met.
        var card = Scorer.Score(Policy, [
            Finding("a", 1, Outcome.Pass),
            Finding("b", 2, Outcome.Pass),
            Finding("deploy", 3, Outcome.Pass),
            Finding("serving", 3, Outcome.NotApplicable, mustApply: true),
            Finding("datasets", 3, Outcome.NotApplicable),
        ]);

        var level3 = card.Levels.Single(l => l.Level == 3);
        Assert.Equal(LevelStatus.NotMet, level3.Status);
        Assert.Equal(["serving"], level3.Blocking);
        Assert.Equal(2, card.Level);
    }

    [Fact]
    public void Required_rule_that_does_not_apply_leaves_its_level_alone_unless_it_must_apply()
    {
        var card = Scorer.Score(Policy, [Finding("a", 1, Outcome.Pass), Finding("b", 1, Outcome.NotApplicable)]);

        Assert.Equal(1, card.Level);
        Assert.Empty(card.Levels.Single(l => l.Level == 1).Blocking);
    }
}
