namespace Auditor.Core.Rules;

/// <summary>True when any part is true; false when every part is false; otherwise unknown.</summary>
public sealed record AnyCondition(IReadOnlyList<Condition> Parts) : Condition
{
    public override ConditionResult Evaluate(FactSheet facts)
    {
        var results = Parts.Select(p => p.Evaluate(facts)).ToList();
        var value = results.Any(r => r.Value == Tri.True) ? Tri.True
            : results.Any(r => r.Value == Tri.Unknown) ? Tri.Unknown
            : Tri.False;
        return ConditionResult.Combine(value, results);
    }

    public override Condition Map(Func<CompareCondition, Condition> map) => new AnyCondition(Parts.Select(p => p.Map(map)).ToList());

    public override IEnumerable<string> FactNames => Parts.SelectMany(p => p.FactNames);

    public override string Describe() => "(" + string.Join(" or ", Parts.Select(p => p.Describe())) + ")";
}
