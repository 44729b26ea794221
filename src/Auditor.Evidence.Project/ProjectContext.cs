using Auditor.Core.Evidence;

namespace Auditor.Evidence.Project;

/// <summary>The files of one collection with bounded, cached reads and locations that cite a commit.</summary>
internal sealed class ProjectContext
{
    private readonly Dictionary<string, string?> _texts;
    private readonly Dictionary<string, IReadOnlyList<KubernetesObject>> _objects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProjectFile> _byPath;
    private readonly IFileProvenance? _provenance;
    private readonly ProjectCollectionOptions _options;

    public ProjectContext(string root, IReadOnlyList<ProjectFile> files, IFileProvenance? provenance, ProjectCollectionOptions options, List<SkippedFile> skipped)
        : this(root, files, provenance, options, skipped, new Dictionary<string, string?>(StringComparer.Ordinal))
    {
    }

    private ProjectContext(string root, IReadOnlyList<ProjectFile> files, IFileProvenance? provenance, ProjectCollectionOptions options, List<SkippedFile> skipped, Dictionary<string, string?> texts)
    {
        _texts = texts;
        Root = root;
        Files = files;
        Skipped = skipped;
        _byPath = files.ToDictionary(f => f.RelativePath, StringComparer.Ordinal);
        _provenance = provenance;
        _options = options;
    }

    public string Root { get; }

    public IReadOnlyList<ProjectFile> Files { get; }

    public List<SkippedFile> Skipped { get; }

    /// <summary>The same collection without the files <paramref name="excluded"/> picks (texts already read stay cached).</summary>
    public ProjectContext Without(Func<ProjectFile, bool> excluded) =>
        new(Root, Files.Where(f => !excluded(f)).ToList(), _provenance, _options, Skipped, _texts);

    public ProjectFile? Find(string relativePath) => _byPath.GetValueOrDefault(relativePath);

    /// <summary>The file's text, or null when it is too large (recorded as skipped) or unreadable.</summary>
    public string? Read(ProjectFile file)
    {
        if (_texts.TryGetValue(file.RelativePath, out var cached))
        {
            return cached;
        }

        string? text = null;
        if (file.Size > _options.MaxFileBytes)
        {
            Skipped.Add(new SkippedFile(file.RelativePath, $"larger than {_options.MaxFileBytes} bytes ({file.Size})"));
        }
        else
        {
            try
            {
                text = File.ReadAllText(file.FullPath);
            }
            catch (IOException e)
            {
                Skipped.Add(new SkippedFile(file.RelativePath, "unreadable: " + e.Message));
            }
            catch (UnauthorizedAccessException e)
            {
                Skipped.Add(new SkippedFile(file.RelativePath, "unreadable: " + e.Message));
            }
        }

        _texts[file.RelativePath] = text;
        return text;
    }

    /// <summary>The file's Kubernetes objects, parsed by <paramref name="parse"/> on the first call only.</summary>
    public IReadOnlyList<KubernetesObject> Objects(ProjectFile file, Func<ProjectContext, ProjectFile, IReadOnlyList<KubernetesObject>> parse)
    {
        if (!_objects.TryGetValue(file.RelativePath, out var objects))
        {
            objects = parse(this, file);
            _objects[file.RelativePath] = objects;
        }

        return objects;
    }

    public SourceLocation Locate(ProjectFile file, int? line = null) =>
        new(file.RelativePath, line, _provenance?.CommitOf(file.FullPath));
}
