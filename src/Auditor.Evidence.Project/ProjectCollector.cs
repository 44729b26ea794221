using Auditor.Core.Evidence;
using Auditor.Evidence.Project.Ci;
using Auditor.Evidence.Project.Data;
using Auditor.Evidence.Project.Deployment;
using Auditor.Evidence.Project.Environments;
using Auditor.Evidence.Project.Monitoring;
using Auditor.Evidence.Project.Pipelines;
using Auditor.Evidence.Project.TestSuites;

namespace Auditor.Evidence.Project;

/// <summary>
/// Collects the project's ML engineering files from the working tree. Reads only, bounded: files over the
/// size limit are listed as skipped, excluded folders are not entered, symbolic links never lead outside, and
/// mlaudit's own files (<see cref="OwnFiles"/>) are never evidence.
/// </summary>
public static class ProjectCollector
{
    public static Collected<ProjectEvidence> Collect(string projectPath, IFileProvenance? provenance = null, ProjectCollectionOptions? options = null)
    {
        var root = Path.GetFullPath(projectPath);
        if (!Directory.Exists(root))
        {
            return Collected<ProjectEvidence>.Absent($"{projectPath} is not a folder");
        }

        try
        {
            var skipped = new List<SkippedFile>();
            var files = ProjectTree.List(root, options ?? ProjectCollectionOptions.Default, skipped);
            var listed = new ProjectContext(root, files, provenance, options ?? ProjectCollectionOptions.Default, skipped);
            var context = listed.Without(f => OwnFiles.IsOwnYaml(f, listed));
            var ci = CiReader.Read(context);
            var pipelines = PipelineReader.Read(context);
            return Collected<ProjectEvidence>.Present(new ProjectEvidence
            {
                Root = root,
                Environments = EnvironmentReader.Read(context),
                Ci = ci,
                Tests = TestReader.Read(context),
                Pipelines = pipelines,
                DataVersioning = DataVersioningReader.Read(context),
                Deployments = DeploymentReader.Read(context, ci, pipelines),
                Monitoring = MonitoringReader.Read(context, ci, pipelines),
                Skipped = skipped,
            });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Collected<ProjectEvidence>.Failed($"{projectPath}: the project files could not be listed: {e.Message}");
        }
    }
}
