namespace Auditor.Core.Scoring;

public sealed record Scorecard
{
    /// <summary>The highest level whose own and all lower levels' required rules pass.</summary>
    public required int Level { get; init; }

    public required IReadOnlyList<LevelResult> Levels { get; init; }

    public required IReadOnlyList<CategoryScore> Categories { get; init; }
}
