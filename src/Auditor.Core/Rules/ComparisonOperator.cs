namespace Auditor.Core.Rules;

/// <summary>The comparisons a rule file may use; the YAML key is the camelCase name.</summary>
public enum ComparisonOperator
{
    EqualTo,
    NotEqualTo,
    AtLeast,
    AtMost,
    Above,
    Below,
}
