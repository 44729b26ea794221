using Auditor.Core.Reporting;
using Auditor.Core.Tracking;
using Auditor.Reporting;

namespace Auditor.Cli;

/// <summary>
/// What standard error tells whatever formats were asked: a store found in the project (not MLflow's default), that
/// there is no store, and every problem, one line each, the first <see cref="MaxProblems"/> with the total.
/// </summary>
internal static class StoreNotices
{
    public const int MaxProblems = 20;

    public static void Write(AuditReport report, TextWriter error)
    {
        var tracking = report.Subject.Tracking;
        if (tracking.Source == TrackingSource.Discovered)
        {
            error.WriteLine($"mlaudit: tracking store: {TerminalText.Clean(tracking.Uri ?? "")}, found in the project (MLflow's default, ./mlruns or ./mlflow.db, holds no runs)");
        }
        else if (tracking.State == TrackingState.None)
        {
            error.WriteLine("mlaudit: no MLflow tracking store: none was named and none was found in the project (./mlruns, ./mlflow.db, stores up to " +
                            $"{Evidence.MLflow.TrackingUriResolver.DiscoveryDepth} folders down); name one with --tracking-uri or MLFLOW_TRACKING_URI");
        }

        foreach (var problem in report.Problems.Take(MaxProblems))
        {
            error.WriteLine($"mlaudit: warning: {TerminalText.Clean(problem)}");
        }

        if (report.ProblemsTotal > MaxProblems)
        {
            error.WriteLine($"mlaudit: {report.ProblemsTotal} problems in all, the first {MaxProblems} shown; the JSON report lists up to {AuditReportBuilder.ListCap}");
        }
    }
}
