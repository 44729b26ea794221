using Auditor.Core.Evidence;
using Auditor.Testing;

namespace Auditor.Evidence.Project.Tests;

/// <summary>A temporary project folder written file by file, then collected.</summary>
internal sealed class ProjectFolder : IDisposable
{
    private readonly TempFolder _folder = new();

    public string Path => _folder.Path;

    public ProjectFolder With(string relativePath, string content)
    {
        var full = _folder.Combine(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return this;
    }

    public ProjectEvidence Collect(ProjectCollectionOptions? options = null) => Present(ProjectCollector.Collect(Path, null, options));

    /// <summary>Collects a project made of <paramref name="files"/> (path, content).</summary>
    public static ProjectEvidence Of(IEnumerable<(string Path, string Content)> files)
    {
        using var project = new ProjectFolder();
        foreach (var (path, content) in files)
        {
            project.With(path, content);
        }

        return project.Collect();
    }

    public static ProjectEvidence Present(Collected<ProjectEvidence> collected)
    {
        Assert.True(collected.State == CollectionState.Present, collected.Reason);
        return collected.Value!;
    }

    public void Dispose() => _folder.Dispose();
}
