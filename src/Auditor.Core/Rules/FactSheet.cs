namespace Auditor.Core.Rules;

/// <summary>The facts of one audit by name. Rules read nothing else.</summary>
public sealed class FactSheet
{
    private readonly Dictionary<string, Fact> _facts;

    public FactSheet(IEnumerable<Fact> facts)
    {
        _facts = facts.ToDictionary(f => f.Name, StringComparer.Ordinal);
    }

    public IEnumerable<Fact> All => _facts.Values;

    public Fact Get(string name) =>
        _facts.TryGetValue(name, out var fact)
            ? fact
            : Fact.Unknown(name, $"no collector provides the fact '{name}'");
}
