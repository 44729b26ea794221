namespace Auditor.Core.Rules;

/// <summary>
/// A rule's check: comparisons of named facts with thresholds, combined with all/any/not.
/// Deliberately not a programming language: a rule file can only compare facts, so it is safe to load
/// from any folder and readable by anyone who knows the fact names.
/// </summary>
public abstract record Condition
{
    public abstract ConditionResult Evaluate(FactSheet facts);

    /// <summary>The fact names this condition reads.</summary>
    public abstract IEnumerable<string> FactNames { get; }

    /// <summary>A copy with every comparison replaced by what <paramref name="map"/> returns for it.</summary>
    public abstract Condition Map(Func<CompareCondition, Condition> map);

    /// <summary>The condition in words, for documentation and messages.</summary>
    public abstract string Describe();
}
