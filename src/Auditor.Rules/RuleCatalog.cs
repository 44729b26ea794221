using Auditor.Core.Rules;
using Auditor.Core.Scoring;

namespace Auditor.Rules;

/// <summary>The rules in force for an audit and the policy that scores them.</summary>
public sealed record RuleCatalog(IReadOnlyList<RuleDefinition> Rules, MaturityPolicy Policy);
