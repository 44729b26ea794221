namespace Auditor.Core.Tracking;

/// <summary>MLflow's lifecycle_stage of experiments, runs and logged models.</summary>
public enum Lifecycle
{
    Active,
    Deleted,
}
