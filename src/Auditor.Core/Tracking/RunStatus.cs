namespace Auditor.Core.Tracking;

/// <summary>MLflow's RunStatus; the file store writes the number, SQL and REST the name.</summary>
public enum RunStatus
{
    Running = 1,
    Scheduled = 2,
    Finished = 3,
    Failed = 4,
    Killed = 5,
}
