namespace Auditor.Core.Rules;

public sealed record NotCondition(Condition Inner) : Condition
{
    public override ConditionResult Evaluate(FactSheet facts)
    {
        var inner = Inner.Evaluate(facts);
        var value = inner.Value switch
        {
            Tri.True => Tri.False,
            Tri.False => Tri.True,
            _ => Tri.Unknown,
        };
        return inner with { Value = value };
    }

    public override Condition Map(Func<CompareCondition, Condition> map) => new NotCondition(Inner.Map(map));

    public override IEnumerable<string> FactNames => Inner.FactNames;

    public override string Describe() => "not " + Inner.Describe();
}
