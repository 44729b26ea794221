namespace Auditor.Evidence.MLflow.Artifacts;

/// <summary>A model folder on this machine's disk.</summary>
internal sealed class LocalModelFolder(string path) : IModelFolder
{
    public string? LocalPath => path;

    public string PathOf(string name) => name.Length == 0 ? path : Path.Combine(path, name);

    public bool Exists(string name) => File.Exists(PathOf(name));

    /// <summary>Synchronous underneath: a local read has nothing to wait for, and the linker then runs on one thread.</summary>
    public Task<string> ReadTextAsync(string name, int maxBytes)
    {
        using var stream = new FileStream(PathOf(name), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length > maxBytes)
        {
            throw ModelFileText.TooLarge(maxBytes, stream.Length);
        }

        return Task.FromResult(ModelFileText.Read(stream, maxBytes));
    }
}
