namespace Auditor.Core.Rules;

/// <summary>True when every part is true; false when any is false; otherwise unknown.</summary>
public sealed record AllCondition(IReadOnlyList<Condition> Parts) : Condition
{
    public override ConditionResult Evaluate(FactSheet facts)
    {
        var results = Parts.Select(p => p.Evaluate(facts)).ToList();
        var value = results.Any(r => r.Value == Tri.False) ? Tri.False
            : results.Any(r => r.Value == Tri.Unknown) ? Tri.Unknown
            : Tri.True;
        return ConditionResult.Combine(value, results);
    }

    public override Condition Map(Func<CompareCondition, Condition> map) => new AllCondition(Parts.Select(p => p.Map(map)).ToList());

    public override IEnumerable<string> FactNames => Parts.SelectMany(p => p.FactNames);

    public override string Describe() => string.Join(" and ", Parts.Select(p => p.Describe()));
}
