namespace Auditor.Core.Evidence;

/// <summary>Whether a collector found its subject, found none, or failed while reading it.</summary>
public enum CollectionState
{
    Present,
    Absent,
    Failed,
}

/// <summary>The result of one collector: the facts it gathered, or why there are none.</summary>
public sealed record Collected<T>(CollectionState State, T? Value, string? Reason)
    where T : class
{
    public static Collected<T> Present(T value) => new(CollectionState.Present, value, null);

    public static Collected<T> Absent(string reason) => new(CollectionState.Absent, null, reason);

    public static Collected<T> Failed(string reason) => new(CollectionState.Failed, null, reason);
}
