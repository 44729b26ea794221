using Auditor.Cli.Gate;
using Auditor.Core;
using Auditor.Core.Tracking;
using Auditor.Reporting;
using Auditor.Reporting.Portfolio;
using Auditor.Rules;

namespace Auditor.Cli;

/// <summary>
/// <c>mlaudit audit PATH --projects 'projects/*'</c>: every project folder of a monorepo audited as its own subject
/// against the store they share, read once and divided by <see cref="ProjectAttribution"/>. Each project gets its
/// reports in <c>OUTPUT/&lt;folder&gt;/</c> (always <c>report.json</c>); the merged view (<c>portfolio.*</c> and the
/// console) lists the runs no project claims. The gate applies to every project: one failing is exit 1.
/// </summary>
internal static class ProjectsAudit
{
    public static int Run(AuditSettings root, IReadOnlyList<string> patterns, CliEnvironment environment, TextWriter standardOutput)
    {
        var folders = Expand(patterns, root.ProjectPath);
        var relative = folders.Select(f => Path.GetRelativePath(root.ProjectPath, f).Replace('\\', '/')).ToList();
        environment.Progress($"--projects: {folders.Count} project folders; reading the shared store once ...");
        var (located, tracking) = AuditPipeline.ReadStore(root, environment);
        var attribution = tracking.Value is { } store ? new ProjectAttribution(store, relative) : null;

        var reportFiles = new List<string>();
        var passed = true;
        var fileFormats = root.Formats.Where(f => f != ReportFormat.Console).Append(ReportFormat.Json).Distinct().ToList();
        for (var i = 0; i < folders.Count; i++)
        {
            var own = ProjectConfigLoader.LoadForProject(folders[i]);
            var scoped = attribution is null ? tracking : tracking with { Value = attribution.Scope(tracking.Value!, relative[i]) };
            var settings = root with
            {
                ProjectPath = folders[i],
                Config = own.Source is null ? root.Config : own,
                Shared = new SharedStore(located, scoped),
                Formats = fileFormats,
                OutputDirectory = Path.Combine(root.OutputDirectory, relative[i]),
                OutputFile = null,
            };
            var report = AuditPipeline.Run(settings, environment);
            ReportWriter.WriteAll(report, settings, environment, standardOutput);
            reportFiles.Add(Path.Combine(settings.OutputDirectory, PortfolioReader.ReportFileName));
            var gate = GateEvaluator.Evaluate(report, settings.Gate);
            if (!gate.Passed)
            {
                environment.Error.WriteLine($"{relative[i]}:");
                GateOutput.Write(gate, settings.Gate, environment.Error);
                passed = false;
            }
        }

        var read = PortfolioReader.Read(reportFiles, root.OutputDirectory);
        var portfolio = PortfolioBuilder.Build(read, new PortfolioTool(ToolVersion.Info.Name, ToolVersion.Info.Version), environment.Clock(), 30) with
        {
            Unattributed = attribution is null ? null : new UnattributedRuns(
                attribution.Unattributed.Count,
                attribution.Unattributed.Take(UnattributedRuns.ListedMax).Select(r => r.Name is { Length: > 0 } name ? $"{name} ({r.Id})" : r.Id).ToList()),
        };
        Commands.PortfolioCommand.WriteAll(portfolio, root.Formats, root.OutputDirectory, null, standardOutput, environment);

        return passed ? ExitCodes.Success : ExitCodes.GateFailed;
    }

    /// <summary>
    /// The project folders the patterns name, relative to PATH: each segment a folder name or a wildcard
    /// (<c>*</c>, <c>?</c>) matching folders that are not hidden. A pattern matching nothing is an input error.
    /// </summary>
    internal static List<string> Expand(IReadOnlyList<string> patterns, string root)
    {
        var found = new List<string>();
        foreach (var pattern in patterns.SelectMany(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var segments = pattern.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".").ToList();
            if (segments.Count == 0 || segments.Any(s => s is ".." || s.Contains("**", StringComparison.Ordinal)) || Path.IsPathRooted(pattern))
            {
                throw new AuditInputException($"--projects '{pattern}': give folders below PATH, one wildcard (* or ?) per folder name at most (no '**', '..' or absolute paths)");
            }

            IEnumerable<string> current = [root];
            foreach (var segment in segments)
            {
                current = segment.IndexOfAny(['*', '?']) >= 0
                    ? current.SelectMany(d => Directory.EnumerateDirectories(d, segment).Where(s => !Path.GetFileName(s).StartsWith('.')).Order(StringComparer.Ordinal))
                    : current.Select(d => Path.Combine(d, segment)).Where(Directory.Exists);
            }

            var matched = current.ToList();
            if (matched.Count == 0)
            {
                throw new AuditInputException($"--projects '{pattern}': no folder under {root} matches");
            }

            found.AddRange(matched.Where(m => !found.Contains(m, StringComparer.Ordinal)));
        }

        return found;
    }
}
