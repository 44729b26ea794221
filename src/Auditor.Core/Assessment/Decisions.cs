namespace Auditor.Core.Assessment;

/// <summary>Collects the policy's decisions on one configuration; every refusal is also a problem line naming the file.</summary>
internal sealed class Decisions(string file)
{
    public List<PolicyDecision> Allowed { get; } = [];

    public List<PolicyDecision> Refused { get; } = [];

    public List<string> Problems { get; } = [];

    public void Allow(PolicyDecisionKind kind, string subject, string detail) => Allowed.Add(new PolicyDecision(kind, subject, detail));

    public void Refuse(PolicyDecisionKind kind, string subject, string detail, string? inFile = null)
    {
        Refused.Add(new PolicyDecision(kind, subject, detail));
        Problems.Add($"{inFile ?? file}: refused by the operator's policy: {detail}");
    }
}
