using Auditor.Core.Rules;

namespace Auditor.Core.Scoring;

/// <summary>Aggregates findings into per-level conformance, category scores and the attained level. Pure.</summary>
public static class Scorer
{
    public static Scorecard Score(MaturityPolicy policy, IReadOnlyList<Finding> findings)
    {
        var levels = policy.Levels.OrderBy(l => l.Level).Select(l => ScoreLevel(l, findings)).ToList();
        var attained = 0;
        foreach (var level in levels.Where(l => l.Level > 0))
        {
            if (level.Status != LevelStatus.CriteriaMet)
            {
                break;
            }

            attained = level.Level;
        }

        var honest = levels.Select(l => l.Level <= attained ? l with { Status = LevelStatus.Reached } : l).ToList();
        return new Scorecard { Level = attained, Levels = honest, Categories = ScoreCategories(findings) };
    }

    /// <summary>
    /// A level's own criteria: met when every required rule passes, is waived or does not apply, at least one passes,
    /// and no key evidence (a <c>mustApply</c> rule) is missing because it does not apply. Whether the level is reached
    /// depends on the levels below it too; <see cref="Score"/> decides that.
    /// </summary>
    private static LevelResult ScoreLevel(MaturityLevel level, IReadOnlyList<Finding> findings)
    {
        var own = findings.Where(f => f.Level == level.Level).ToList();
        var required = own.Where(f => f.Required).ToList();
        var blocking = required.Where(f => Blocks(f)).ToList();
        var status = level.Level == 0 ? LevelStatus.CriteriaMet
            : blocking.Any(f => f.Outcome is Outcome.Fail or Outcome.Error or Outcome.NotApplicable) ? LevelStatus.NotMet
            : blocking.Count > 0 || !required.Any(f => f.Outcome == Outcome.Pass) ? LevelStatus.Unknown
            : LevelStatus.CriteriaMet;
        return new LevelResult
        {
            Level = level.Level,
            Name = level.Name,
            Status = status,
            Passed = own.Count(f => f.Outcome == Outcome.Pass),
            Failed = own.Count(f => f.Outcome is Outcome.Fail or Outcome.Error),
            Unknown = own.Count(f => f.Outcome == Outcome.Unknown),
            NotApplicable = own.Count(f => f.Outcome == Outcome.NotApplicable),
            Waived = own.Count(f => f.IsWaived),
            Attested = own.Count(f => f.Basis == Basis.Attested),
            Blocking = blocking.Select(f => f.RuleId).ToList(),
        };
    }

    /// <summary>A required finding keeps its level from being met: it did not pass (not-applicable counts only when the rule may not apply) and no waiver accepts it.</summary>
    private static bool Blocks(Finding f) =>
        !f.IsWaived && f.Outcome switch
        {
            Outcome.Pass => false,
            Outcome.NotApplicable => f.MustApply,
            _ => true,
        };

    /// <summary>Credit an attested pass earns in a category score, as the ML Test Score's half point for a manual check.</summary>
    public const double AttestedCredit = 0.5;

    /// <summary>
    /// Category scores 0-100: automated passes earn a point, attested passes half a point, failures none.
    /// Not-applicable, unknown and waived findings are left out of the score and counted.
    /// </summary>
    private static IReadOnlyList<CategoryScore> ScoreCategories(IReadOnlyList<Finding> findings) =>
        findings.GroupBy(f => f.Category, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var scored = g.Where(f => !f.IsWaived).ToList();
                var passed = scored.Count(f => f.Outcome == Outcome.Pass);
                var attested = scored.Count(f => f.Outcome == Outcome.Pass && f.Basis == Basis.Attested);
                var failed = scored.Count(f => f.Outcome is Outcome.Fail or Outcome.Error);
                var credit = passed - attested + AttestedCredit * attested;
                int? score = passed + failed == 0 ? null : (int)Math.Round(100.0 * credit / (passed + failed));
                return new CategoryScore(g.Key, score, passed, failed, scored.Count(f => f.Outcome == Outcome.Unknown), scored.Count(f => f.Outcome == Outcome.NotApplicable))
                {
                    Attested = attested,
                    Waived = g.Count(f => f.IsWaived),
                };
            })
            .ToList();
}
