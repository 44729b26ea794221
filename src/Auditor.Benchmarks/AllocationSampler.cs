using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Auditor.Benchmarks;

/// <summary>
/// Which types a read allocates, from the runtime's own sampling: the GC raises an allocation tick about every
/// 100 KB allocated, naming the type that crossed it, so tick counts times 100 KB approximate bytes per type.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const int RuntimeGcKeyword = 0x1;
    private const double KilobytesPerTick = 100;
    private readonly ConcurrentDictionary<string, long> _ticks = new(StringComparer.Ordinal);

    public void Print(int top)
    {
        Console.WriteLine("allocations (sampled, approximate):");
        foreach (var (type, ticks) in _ticks.OrderByDescending(t => t.Value).Take(top))
        {
            Console.WriteLine($"  {ticks * KilobytesPerTick / 1024,8:F0} MB  {type}");
        }
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)RuntimeGcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) == true
            && e.PayloadNames?.IndexOf("TypeName") is >= 0 and var index
            && e.Payload?[index] is string type)
        {
            _ticks.AddOrUpdate(type, 1, static (_, count) => count + 1);
        }
    }
}
