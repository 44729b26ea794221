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
            if (level.Status != LevelStatus.Met)
            {
                break;
            }

            attained = level.Level;
        }

        return new Scorecard { Level = attained, Levels = levels, Categories = ScoreCategories(findings) };
    }

    private static LevelResult ScoreLevel(MaturityLevel level, IReadOnlyList<Finding> findings)
    {
        var own = findings.Where(f => f.Level == level.Level).ToList();
        var required = own.Where(f => f.Required).ToList();
        var blocking = required.Where(f => f.Outcome is not (Outcome.Pass or Outcome.NotApplicable) && !f.IsWaived).ToList();
        var status = level.Level == 0 ? LevelStatus.Met
            : blocking.Any(f => f.Outcome is Outcome.Fail or Outcome.Error) ? LevelStatus.NotMet
            : blocking.Count > 0 || !required.Any(f => f.Outcome == Outcome.Pass) ? LevelStatus.Unknown
            : LevelStatus.Met;
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
