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
        var blocking = required.Where(f => f.Outcome is not (Outcome.Pass or Outcome.NotApplicable)).ToList();
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
            Blocking = blocking.Select(f => f.RuleId).ToList(),
        };
    }

    private static IReadOnlyList<CategoryScore> ScoreCategories(IReadOnlyList<Finding> findings) =>
        findings.GroupBy(f => f.Category, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var passed = g.Count(f => f.Outcome == Outcome.Pass);
                var failed = g.Count(f => f.Outcome is Outcome.Fail or Outcome.Error);
                int? score = passed + failed == 0 ? null : (int)Math.Round(100.0 * passed / (passed + failed));
                return new CategoryScore(g.Key, score, passed, failed, g.Count(f => f.Outcome == Outcome.Unknown), g.Count(f => f.Outcome == Outcome.NotApplicable));
            })
            .ToList();
}
