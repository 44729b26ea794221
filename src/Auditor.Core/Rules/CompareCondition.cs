namespace Auditor.Core.Rules;

/// <summary>Compares one fact with a constant: <c>{ fact: runs.gitCommitShare, atLeast: 0.9 }</c>.</summary>
public sealed record CompareCondition(string Fact, ComparisonOperator Operator, FactValue Expected) : Condition
{
    public override ConditionResult Evaluate(FactSheet facts)
    {
        var fact = facts.Get(Fact);
        if (fact.Value is null)
        {
            return new ConditionResult(Tri.Unknown, [], [fact.UnknownReason ?? $"{Fact} is unknown"]);
        }

        if (fact.Upper is { } upper)
        {
            return Bounded(fact.Value, upper, fact.UnknownReason ?? $"{Fact} could not be fully checked");
        }

        var holds = Compare(fact.Value);
        if (holds is null)
        {
            return new ConditionResult(Tri.Unknown, [], [$"{Fact} is {fact.Value}, which cannot be compared with {Expected}"]);
        }

        var observation = $"{Fact} is {fact.Value}, expected {Phrase()}";
        return new ConditionResult(holds.Value ? Tri.True : Tri.False, [observation], []);
    }

    /// <summary>
    /// A value between two bounds: the comparison holds (or fails) for every value between them when it does at both
    /// ends (equality: when the bounds coincide with, or exclude, the expected value); otherwise it is unknown.
    /// </summary>
    private ConditionResult Bounded(FactValue lower, FactValue upper, string reason)
    {
        var (low, high) = (Compare(lower), Compare(upper));
        var expected = Expected.Number;
        var outside = expected is { } e && (e < lower.Number || e > upper.Number);
        bool? holds = Operator switch
        {
            ComparisonOperator.EqualTo => outside ? false : null,
            ComparisonOperator.NotEqualTo => outside ? true : null,
            _ => low is not null && low == high ? low : null,
        };
        var range = upper.Number is double.PositiveInfinity ? $"at least {lower}" : $"between {lower} and {upper}";
        if (holds is null)
        {
            return new ConditionResult(Tri.Unknown, [], [$"{Fact} is {range}, expected {Phrase()}: {reason}"]);
        }

        return new ConditionResult(holds.Value ? Tri.True : Tri.False, [$"{Fact} is {range}, expected {Phrase()} ({reason})"], []);
    }

    private bool? Compare(FactValue actual)
    {
        if (actual.Number is { } a && Expected.Number is { } e)
        {
            return Operator switch
            {
                ComparisonOperator.EqualTo => a == e,
                ComparisonOperator.NotEqualTo => a != e,
                ComparisonOperator.AtLeast => a >= e,
                ComparisonOperator.AtMost => a <= e,
                ComparisonOperator.Above => a > e,
                ComparisonOperator.Below => a < e,
                _ => null,
            };
        }

        var equal = actual.Boolean is { } ab && Expected.Boolean is { } eb ? ab == eb
            : actual.Text is { } at && Expected.Text is { } et ? string.Equals(at, et, StringComparison.Ordinal)
            : (bool?)null;
        return (Operator, equal) switch
        {
            (_, null) => null,
            (ComparisonOperator.EqualTo, _) => equal,
            (ComparisonOperator.NotEqualTo, _) => !equal,
            _ => null,
        };
    }

    private string Phrase() => Phrase(Expected.ToString());

    /// <summary>What the comparison expects in words, with the expected value written as <paramref name="expected"/>.</summary>
    public string Phrase(string expected) => Operator switch
    {
        ComparisonOperator.EqualTo => expected,
        ComparisonOperator.NotEqualTo => $"not {expected}",
        ComparisonOperator.AtLeast => $"at least {expected}",
        ComparisonOperator.AtMost => $"at most {expected}",
        ComparisonOperator.Above => $"above {expected}",
        ComparisonOperator.Below => $"below {expected}",
        _ => expected,
    };

    public override Condition Map(Func<CompareCondition, Condition> map) => map(this);

    public override IEnumerable<string> FactNames => [Fact];

    public override string Describe() => $"{Fact} {Phrase()}";
}
