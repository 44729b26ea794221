using Auditor.Cli.Gate;
using Auditor.Core;
using Auditor.Core.Assessment;
using Auditor.Rules;
using Auditor.Reporting;

namespace Auditor.Cli;

/// <summary>The audit command's options, validated once into an immutable record.</summary>
public sealed record AuditSettings
{
    public required string ProjectPath { get; init; }

    public string? TrackingUri { get; init; }

    /// <summary>
    /// Where the store's artifacts are when the recorded paths do not exist on this machine (a PostgreSQL or MySQL store
    /// has no folder of its own): <c>--artifact-root</c>, else the project's <c>mlruns</c> and <c>mlartifacts</c> folders
    /// that exist (MLflow's default artifact root and a tracking server's default artifact destination).
    /// </summary>
    public IReadOnlyList<string> ArtifactRoots { get; init; } = [];

    public required IReadOnlyList<ReportFormat> Formats { get; init; }

    public required string OutputDirectory { get; init; }

    /// <summary><c>-o/--output</c>: the file the one requested format goes to, <c>-</c> for standard output, or null (see <see cref="Cli.OutputFile"/>).</summary>
    public string? OutputFile { get; init; }

    public string? RulesDirectory { get; init; }

    public string? TemplatesDirectory { get; init; }

    /// <summary><c>--verbose</c>: the console lists passes and each finding's fact expression.</summary>
    public bool Verbose { get; init; }

    /// <summary>The CI gate; applied after every report is written.</summary>
    public GateSettings Gate { get; init; } = GateSettings.None;

    /// <summary>The project's configuration (<c>.mlaudit.yml</c> or <c>--config</c>), or the defaults.</summary>
    public ProjectConfig Config { get; init; } = ProjectConfig.Empty;

    /// <summary>The operator's policy (<c>--policy</c> or <c>MLAUDIT_POLICY</c>): what <see cref="Config"/> may do.</summary>
    public AuditPolicy Policy { get; init; } = AuditPolicy.Default;

    /// <summary>A folder that keeps dated JSON results for the trend, or null.</summary>
    public string? HistoryDirectory { get; init; }

    /// <summary>How long reading a tracking server may take in all (<c>--timeout</c>, <c>MLAUDIT_TIMEOUT</c>); null for the reader's default.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary><c>--artifact-credentials</c>: object storage may be read with the cloud SDK's default credentials (operator only, never the project's configuration).</summary>
    public bool ArtifactCredentials { get; init; }

    /// <summary>
    /// <c>--projects</c>: the store shared by every project of the repository, read once and scoped to this project
    /// (see <see cref="Auditor.Core.Tracking.ProjectAttribution"/>); null when the project reads its own store.
    /// </summary>
    public SharedStore? Shared { get; init; }

    /// <summary>
    /// Validates the options. A configuration file given with <c>--config</c> may name the project folder and
    /// the tracking URI; a PATH argument and <c>--tracking-uri</c> on the command line win over it.
    /// </summary>
    public static AuditSettings Create(string? path, string? trackingUri, IReadOnlyList<string> formats, string? outputDirectory, string? rules, string? templates, string currentDirectory,
        string? configFile = null, string? history = null, IReadOnlyList<string>? artifactRoots = null)
    {
        var explicitConfig = configFile is null ? null : ProjectConfigLoader.Load(Path.GetFullPath(configFile, currentDirectory));
        var projectPath = path is not null ? Path.GetFullPath(path, currentDirectory) : explicitConfig?.ProjectPath ?? currentDirectory;
        if (!Directory.Exists(projectPath))
        {
            throw new AuditInputException($"{path ?? projectPath}: the project folder does not exist");
        }

        projectPath = projectPath.TrimEnd(Path.DirectorySeparatorChar) is { Length: > 0 } trimmed ? trimmed : projectPath;
        var config = explicitConfig ?? ProjectConfigLoader.LoadForProject(projectPath);
        return new AuditSettings
        {
            ProjectPath = projectPath,
            TrackingUri = trackingUri,
            ArtifactRoots = artifactRoots is { Count: > 0 }
                ? artifactRoots.Select(r => ExistingDirectory(r, "--artifact-root", currentDirectory)!).Distinct(StringComparer.Ordinal).ToList()
                : DefaultArtifactRoots.Select(name => Path.Combine(projectPath, name)).Where(Directory.Exists).ToList(),
            Config = config,
            HistoryDirectory = history is null ? null : Path.GetFullPath(history, currentDirectory),
            Formats = FormatOption.Parse(formats),
            OutputDirectory = Path.GetFullPath(outputDirectory ?? ".", currentDirectory),
            RulesDirectory = ExistingDirectory(rules, "--rules", currentDirectory),
            TemplatesDirectory = ExistingDirectory(templates, "--templates", currentDirectory),
        };
    }

    /// <summary>The project folders MLflow puts artifacts in by default: the artifact root, and <c>mlflow server</c>'s <c>--artifacts-destination</c>.</summary>
    private static readonly string[] DefaultArtifactRoots = ["mlruns", "mlartifacts"];

    private static string? ExistingDirectory(string? path, string option, string currentDirectory)
    {
        if (path is null)
        {
            return null;
        }

        var full = Path.GetFullPath(path, currentDirectory);
        return Directory.Exists(full) ? full : throw new AuditInputException($"{option} {path}: the folder does not exist");
    }
}

/// <summary>A store read once for several projects, with where it was found, and this project's part of it.</summary>
public sealed record SharedStore(Auditor.Evidence.MLflow.LocatedStore Located, Auditor.Core.Evidence.Collected<Auditor.Core.Tracking.TrackingStore> Tracking);
