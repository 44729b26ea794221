namespace Auditor.Core.Evidence;

/// <summary>The project's tests, and how much of its code lives in notebooks rather than scripts.</summary>
public sealed record TestSuite
{
    public IReadOnlyList<TestFile> Files { get; init; } = [];

    /// <summary>Folders named test or tests, relative to the audited folder.</summary>
    public IReadOnlyList<string> Folders { get; init; } = [];

    /// <summary>Modules the collector counts as ML code: training, features, models, or importing an ML library.</summary>
    public IReadOnlyList<string> MlModules { get; init; } = [];

    public IReadOnlyList<SourceLocation> Notebooks { get; init; } = [];

    /// <summary>Python files that are not tests.</summary>
    public int Scripts { get; init; }
}
