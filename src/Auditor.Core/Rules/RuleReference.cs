namespace Auditor.Core.Rules;

/// <summary>
/// What a rule evidences in a published rubric. <paramref name="Source"/> is maturity-model, ml-test-score,
/// questionnaire or other.
/// </summary>
public sealed record RuleReference(string Source, string Text);
