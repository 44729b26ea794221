namespace Auditor.Core.Assessment;

/// <summary>A project's <c>.mlaudit.yml</c>: rule selection and thresholds, the gate, waivers and where attestations live.</summary>
public sealed record ProjectConfig
{
    public static ProjectConfig Empty { get; } = new();

    /// <summary>The file it was read from, or null for the defaults.</summary>
    public string? Source { get; init; }

    /// <summary>The project folder, absolute (relative paths in the file resolve against the file's folder).</summary>
    public string? ProjectPath { get; init; }

    public string? TrackingUri { get; init; }

    /// <summary>Glob patterns (relative to the project) that collectors skip.</summary>
    public IReadOnlyList<string> IgnorePaths { get; init; } = [];

    public IReadOnlySet<string> DisabledRules { get; init; } = new HashSet<string>();

    public IReadOnlySet<string> DisabledCategories { get; init; } = new HashSet<string>();

    /// <summary>Rule id to (fact name to new threshold).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Thresholds { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, double>>();

    public ConfiguredGate Gate { get; init; } = new(null, null);

    public IReadOnlyList<Waiver> Waivers { get; init; } = [];

    /// <summary>The attestation file, absolute; <c>mlaudit assess</c> writes it.</summary>
    public string? AttestationsFile { get; init; }

    public IReadOnlyList<Attestation> Attestations { get; init; } = [];
}
