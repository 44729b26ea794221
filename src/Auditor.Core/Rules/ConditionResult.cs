namespace Auditor.Core.Rules;

/// <summary>
/// The truth of a condition with what was observed: lines such as
/// "runs.gitCommitShare is 0.4, expected at least 0.9", and why anything was unknown.
/// </summary>
public sealed record ConditionResult(Tri Value, IReadOnlyList<string> Observations, IReadOnlyList<string> UnknownReasons)
{
    public static ConditionResult Combine(Tri value, IEnumerable<ConditionResult> parts)
    {
        var list = parts.ToList();
        return new ConditionResult(
            value,
            list.SelectMany(p => p.Observations).ToList(),
            list.SelectMany(p => p.UnknownReasons).Distinct().ToList());
    }
}
