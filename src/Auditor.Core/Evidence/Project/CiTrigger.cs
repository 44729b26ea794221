namespace Auditor.Core.Evidence;

/// <summary>What starts a CI workflow.</summary>
public enum CiTrigger
{
    Push,
    PullRequest,
    Schedule,
    Manual,
    WorkflowRun,
    Tag,
    Other,
}
