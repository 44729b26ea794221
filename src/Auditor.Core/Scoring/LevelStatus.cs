namespace Auditor.Core.Scoring;

public enum LevelStatus
{
    Met,
    NotMet,
    Unknown,
}
