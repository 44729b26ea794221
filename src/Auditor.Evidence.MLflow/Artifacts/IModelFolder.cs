namespace Auditor.Evidence.MLflow.Artifacts;

/// <summary>
/// The files of one model folder, wherever they are: on this machine's disk, or behind a tracking server's artifact
/// endpoints. <see cref="MLmodelReader"/> reads every backend's models through it, so the parsing exists once.
/// </summary>
internal interface IModelFolder
{
    /// <summary>The folder on this machine, or null when it is read through a server.</summary>
    string? LocalPath { get; }

    /// <summary>Where the files are read from, as the trace names it: <c>local</c>, <c>server</c>, <c>s3</c>, <c>azure</c>, <c>gcs</c>.</summary>
    string Source { get; }

    /// <summary>A file of the folder as problems name it; the folder itself for an empty name.</summary>
    string PathOf(string name);

    bool Exists(string name);

    /// <summary>
    /// The file's text. One larger than <paramref name="maxBytes"/> is not read: it throws
    /// <see cref="InvalidDataException"/>, as does anything else that keeps the file from being read.
    /// </summary>
    Task<string> ReadTextAsync(string name, int maxBytes);
}
