namespace Auditor.Core.Assessment;

/// <summary>
/// The project's configuration with what the operator's policy refused taken out, the weakenings it allowed and
/// refused, and one problem line per refusal naming the file.
/// </summary>
public sealed record GovernedConfig(ProjectConfig Config, IReadOnlyList<PolicyDecision> Allowed, IReadOnlyList<PolicyDecision> Refused, IReadOnlyList<string> Problems);
