namespace Auditor.Core.Tracking;

public sealed record RegisteredModel
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    public DateTimeOffset? CreationTime { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Alias name to version number.</summary>
    public IReadOnlyDictionary<string, int> Aliases { get; init; } = new Dictionary<string, int>();

    /// <summary>Live versions (deleted tombstones are left out), ordered by version number.</summary>
    public IReadOnlyList<ModelVersion> Versions { get; init; } = [];
}
