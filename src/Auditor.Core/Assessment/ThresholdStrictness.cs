using Auditor.Core.Rules;

namespace Auditor.Core.Assessment;

/// <summary>
/// Whether a new threshold for one fact can only make a rule's check harder to pass: a higher bar for
/// <c>atLeast</c>/<c>above</c>, a lower one for <c>atMost</c>/<c>below</c>, the other way round under <c>not</c>.
/// Any change to an <c>equalTo</c>/<c>notEqualTo</c> comparison, or a number where the rule compares a boolean or a
/// text, cannot be shown to be stricter and counts as weaker.
/// </summary>
public static class ThresholdStrictness
{
    public static bool IsNoWeaker(Condition check, string fact, double value) => NoWeaker(check, fact, value, positive: true);

    private static bool NoWeaker(Condition condition, string fact, double value, bool positive) => condition switch
    {
        AllCondition all => all.Parts.All(p => NoWeaker(p, fact, value, positive)),
        AnyCondition any => any.Parts.All(p => NoWeaker(p, fact, value, positive)),
        NotCondition not => NoWeaker(not.Inner, fact, value, !positive),
        CompareCondition compare when compare.Fact == fact => NoWeaker(compare, value, positive),
        _ => true,
    };

    private static bool NoWeaker(CompareCondition compare, double value, bool positive)
    {
        if (compare.Expected.Number is not { } shipped)
        {
            return false;
        }

        if (value == shipped)
        {
            return true;
        }

        bool? raisesTheBar = compare.Operator switch
        {
            ComparisonOperator.AtLeast or ComparisonOperator.Above => value > shipped,
            ComparisonOperator.AtMost or ComparisonOperator.Below => value < shipped,
            _ => null,
        };
        return raisesTheBar == positive;
    }
}
