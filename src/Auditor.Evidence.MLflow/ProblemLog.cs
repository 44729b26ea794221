using System.Collections.Concurrent;
using Auditor.Core.Tracking;

namespace Auditor.Evidence.MLflow;

/// <summary>Collects what could not be read, from any thread, so the audit can go on without it.</summary>
internal sealed class ProblemLog
{
    private readonly ConcurrentQueue<StoreProblem> _problems = new();

    public void Add(string path, string message) => _problems.Enqueue(new StoreProblem(path, message));

    /// <summary>
    /// Runs <paramref name="read"/>; a failure is logged against <paramref name="path"/> and yields null. Store files
    /// are untrusted input: whatever a parser throws on one of them (YamlDotNet raises more than YamlException on
    /// malformed documents) costs that file, not the audit.
    /// </summary>
    public T? Try<T>(string path, Func<T> read)
        where T : class
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException))
        {
            Add(path, OneLine(e));
            return null;
        }
    }

    /// <summary>The asynchronous <see cref="Try{T}"/>: a file read through a server fails the same way, costing that file.</summary>
    public async Task<T?> TryAsync<T>(string path, Func<Task<T>> read)
        where T : class
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException))
        {
            Add(path, OneLine(e));
            return null;
        }
    }

    private static string OneLine(Exception e) =>
        (e is IOException or UnauthorizedAccessException or InvalidDataException or FormatException ? e.Message : $"unreadable ({e.Message})").Split('\n')[0].Trim();

    public IReadOnlyList<StoreProblem> ToList() => _problems.OrderBy(p => p.Path, StringComparer.Ordinal).ToList();
}
