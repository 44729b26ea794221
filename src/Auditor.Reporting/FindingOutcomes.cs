using Auditor.Core.Rules;

namespace Auditor.Reporting;

/// <summary>
/// Which findings count as failing in every format and the gate: fail and error (unknown is shown, never
/// counted as either), unless an active waiver accepts the failure (it is shown as waived instead).
/// </summary>
public static class FindingOutcomes
{
    public static bool IsFailing(this Outcome outcome) => outcome is Outcome.Fail or Outcome.Error;

    public static bool IsFailing(this Finding finding) => finding.Outcome.IsFailing() && !finding.IsWaived;
}
