namespace Auditor.Core.Scoring;

/// <summary>
/// Where a level stands. Only <see cref="Reached"/> means the project is at that level or above; a level above the
/// attained one whose own criteria pass is <see cref="CriteriaMet"/>, never reached.
/// </summary>
public enum LevelStatus
{
    /// <summary>This level's criteria and those of every level below it are met: the level is at or below the attained one.</summary>
    Reached,

    /// <summary>This level's own required rules pass, but a lower level is not reached, so neither is this one.</summary>
    CriteriaMet,

    /// <summary>A required rule fails or errs, or key evidence (a <c>mustApply</c> rule) does not apply.</summary>
    NotMet,

    /// <summary>No required rule fails, but one is unknown, or no required rule passes on evidence.</summary>
    Unknown,
}
