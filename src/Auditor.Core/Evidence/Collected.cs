namespace Auditor.Core.Evidence;

/// <summary>Whether a collector found its subject, found none, failed while reading it, or read only part of it.</summary>
public enum CollectionState
{
    Present,
    Absent,
    Failed,

    /// <summary>Read until a bound (a deadline, a size or item limit) stopped it: the value is what was read, the reason says what stopped it.</summary>
    Partial,
}

/// <summary>The result of one collector: the facts it gathered, or why there are none.</summary>
public sealed record Collected<T>(CollectionState State, T? Value, string? Reason)
    where T : class
{
    public static Collected<T> Present(T value) => new(CollectionState.Present, value, null);

    public static Collected<T> Absent(string reason) => new(CollectionState.Absent, null, reason);

    public static Collected<T> Failed(string reason) => new(CollectionState.Failed, null, reason);

    /// <summary>Failed after the subject was opened (a server answered): its content could not be read.</summary>
    public static Collected<T> FailedAfterOpening(string reason) => new(CollectionState.Failed, null, reason) { Opened = true };

    /// <summary>With <see cref="CollectionState.Failed"/>: the subject was opened, and reading what it holds failed.</summary>
    public bool Opened { get; init; }

    public static Collected<T> Partial(T value, string reason) => new(CollectionState.Partial, value, reason);
}
