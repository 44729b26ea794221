namespace Auditor.Core.Trace;

/// <summary>A trace's gaps in order, with those that are links this checkout could not check kept apart as well.</summary>
internal sealed class GapList : List<string>
{
    private readonly List<string> _unchecked = [];

    public IReadOnlyList<string> UncheckedOnes => _unchecked;

    /// <summary>A link that could not be checked here (shallow clone, remote storage, a limit): a gap, but not a known weakness.</summary>
    public void Unchecked(string gap)
    {
        Add(gap);
        _unchecked.Add(gap);
    }
}
