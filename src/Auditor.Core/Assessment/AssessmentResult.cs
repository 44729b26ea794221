using Auditor.Core.Rules;

namespace Auditor.Core.Assessment;

/// <summary>Findings with attestations and waivers applied, and what in the configuration could not be applied.</summary>
public sealed record AssessmentResult(IReadOnlyList<Finding> Findings, IReadOnlyList<string> Problems);
