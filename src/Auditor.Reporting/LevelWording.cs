using Auditor.Core.Scoring;

namespace Auditor.Reporting;

/// <summary>
/// How every human-readable format words a level's status, so no format calls a level above the attained one met:
/// "reached", "criteria met, not reached (level 1 not reached)", "not met", "unknown".
/// </summary>
public static class LevelWording
{
    public static string Of(LevelResult level, int attained) => level.Status switch
    {
        LevelStatus.Reached => "reached",
        LevelStatus.CriteriaMet => $"criteria met, not reached (level {attained + 1} not reached)",
        LevelStatus.NotMet => "not met",
        _ => "unknown",
    };

    /// <summary>A one-word mark for plain text: [x] reached, [~] criteria met but not reached, [ ] not met, [?] unknown.</summary>
    public static string Mark(LevelStatus status) => status switch
    {
        LevelStatus.Reached => "[x]",
        LevelStatus.CriteriaMet => "[~]",
        LevelStatus.NotMet => "[ ]",
        _ => "[?]",
    };
}
