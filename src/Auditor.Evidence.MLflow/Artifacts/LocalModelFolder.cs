namespace Auditor.Evidence.MLflow.Artifacts;

/// <summary>
/// A model folder on this machine's disk. A file whose real path is not <paramref name="isAllowed"/> (a symbolic link
/// out of the project, the store and the artifact roots) does not exist for it, and is never opened.
/// </summary>
internal sealed class LocalModelFolder(string path, Func<string, bool> isAllowed) : IModelFolder
{
    public const string Local = "local";

    public string? LocalPath => path;

    public string Source => Local;

    public string PathOf(string name) => name.Length == 0 ? path : Path.Combine(path, name);

    public bool Exists(string name) => File.Exists(PathOf(name)) && isAllowed(PathOf(name));

    /// <summary>Synchronous underneath: a local read has nothing to wait for, and the linker then runs on one thread.</summary>
    public Task<string> ReadTextAsync(string name, int maxBytes)
    {
        if (!isAllowed(PathOf(name)))
        {
            throw new InvalidDataException("a symbolic link out of the project, the store and the artifact roots; not read");
        }

        using var stream = new FileStream(PathOf(name), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length > maxBytes)
        {
            throw ModelFileText.TooLarge(maxBytes, stream.Length);
        }

        return Task.FromResult(ModelFileText.Read(stream, maxBytes));
    }
}
