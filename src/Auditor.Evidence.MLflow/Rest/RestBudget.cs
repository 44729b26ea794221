using System.Collections.Concurrent;
using System.Globalization;

namespace Auditor.Evidence.MLflow.Rest;

/// <summary>
/// What one audit may spend on a tracking server: the deadline (its token cancels every request, retry and wait in
/// flight), the bytes of all answers and the items read. A bound reached stops what needed it with a
/// <see cref="RestLimitException"/>; each search or read it cut is recorded, and <see cref="PartlyRead"/> says so.
/// </summary>
internal sealed class RestBudget : IDisposable
{
    private readonly CancellationTokenSource _deadline;
    private readonly CancellationTokenSource _token;
    private readonly TimeProvider _time;
    private readonly long _start;
    private readonly string _redactedUri;
    private readonly ConcurrentDictionary<string, string> _cuts = new(StringComparer.Ordinal);
    private long _bytes;
    private int _items;
    private string? _exhausted;

    public RestBudget(RestLimits limits, string redactedUri, TimeProvider time, CancellationToken outer)
    {
        Limits = limits;
        _redactedUri = redactedUri;
        _time = time;
        _start = time.GetTimestamp();
        _deadline = new CancellationTokenSource(limits.Deadline, time);
        _token = CancellationTokenSource.CreateLinkedTokenSource(outer, _deadline.Token);
    }

    public RestLimits Limits { get; }

    /// <summary>Cancelled when the deadline passes (or the caller cancels).</summary>
    public CancellationToken Token => _token.Token;

    public TimeProvider Time => _time;

    public bool DeadlinePassed => _deadline.IsCancellationRequested;

    public TimeSpan Remaining => Limits.Deadline - _time.GetElapsedTime(_start);

    /// <summary>Why no more may be read (the deadline, the audit's bytes or items), or null while there is budget left.</summary>
    public string? Exhausted => DeadlinePassed ? DeadlineReason : Volatile.Read(ref _exhausted);

    private string DeadlineReason => $"the {RestLimits.Duration(Limits.Deadline)} deadline for reading the server passed (--timeout or MLAUDIT_TIMEOUT)";

    /// <summary>The problem for a request stopped because no budget is left.</summary>
    public RestLimitException Stopped(string path) => Limit(path, Exhausted ?? DeadlineReason);

    public RestLimitException Limit(string path, string reason) => new($"{_redactedUri}: {path}: {reason}", reason);

    /// <summary>Throws <see cref="RestLimitException"/> when no budget is left.</summary>
    public void ThrowIfExhausted(string path)
    {
        if (Exhausted is not null)
        {
            throw Stopped(path);
        }
    }

    /// <summary>Counts bytes of an answer; throws when the audit's answers together pass the bound.</summary>
    public void CountBytes(string path, int bytes)
    {
        if (Interlocked.Add(ref _bytes, bytes) > Limits.MaxTotalBytes)
        {
            Exhaust($"the answers passed {RestLimits.Size(Limits.MaxTotalBytes)} in all ({RestLimits.TotalVariable} raises it)");
            throw Stopped(path);
        }
    }

    /// <summary>Takes one item (a run, a version, a listed file ...); false, and no more are taken, once the audit has read its bound.</summary>
    public bool TakeItem()
    {
        if (Interlocked.Increment(ref _items) <= Limits.MaxItems)
        {
            return true;
        }

        Exhaust($"more than {Limits.MaxItems.ToString("N0", CultureInfo.InvariantCulture)} items were read ({RestLimits.ItemsVariable} raises it)");
        return false;
    }

    /// <summary>Records that <paramref name="what"/> was cut short (the first reason for each is kept).</summary>
    public void Cut(string what, string why) => _cuts.TryAdd(what, why);

    /// <summary>Each search or read cut short, as problem lines.</summary>
    public IEnumerable<(string What, string Why)> Cuts => _cuts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => (c.Key, c.Value));

    /// <summary>Why the store is only partly read, or null when nothing was cut.</summary>
    public string? PartlyRead => _cuts.IsEmpty
        ? null
        : (Exhausted ?? Cuts.First().Why) + (_cuts.Count > 1 ? $"; {_cuts.Count} reads cut short" : $"; {Cuts.First().What} cut short");

    private void Exhaust(string reason) => Interlocked.CompareExchange(ref _exhausted, reason, null);

    public void Dispose()
    {
        _token.Dispose();
        _deadline.Dispose();
    }
}
