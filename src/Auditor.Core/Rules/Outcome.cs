namespace Auditor.Core.Rules;

/// <summary>The closed set of rule outcomes. Unknown is never counted as a pass.</summary>
public enum Outcome
{
    Pass,
    Fail,
    NotApplicable,
    Unknown,
    Error,
}
