namespace Auditor.Core.Rules;

/// <summary>
/// The check of a rule no file can show (<c>check: { attestation: true }</c>): always unknown from facts;
/// only a person's attestation gives it an outcome.
/// </summary>
public sealed record AttestationCondition : Condition
{
    public const string Reason = "needs a person's answer: run 'mlaudit assess' to attest it";

    public override ConditionResult Evaluate(FactSheet facts) => new(Tri.Unknown, [], [Reason]);

    public override Condition Map(Func<CompareCondition, Condition> map) => this;

    public override IEnumerable<string> FactNames => [];

    public override string Describe() => "a person attests it";
}
