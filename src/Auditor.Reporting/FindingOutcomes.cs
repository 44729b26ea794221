using Auditor.Core.Rules;

namespace Auditor.Reporting;

/// <summary>Which outcomes count as failing in every format: fail and error (unknown is shown, never counted as either).</summary>
public static class FindingOutcomes
{
    public static bool IsFailing(this Outcome outcome) => outcome is Outcome.Fail or Outcome.Error;

    public static bool IsFailing(this Finding finding) => finding.Outcome.IsFailing();
}
