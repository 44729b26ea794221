using Auditor.Core.Rules;

namespace Auditor.Core.Tests;

internal static class Facts
{
    public static FactSheet Sheet(params Fact[] facts) => new(facts);

    public static Fact Number(string name, double value) => Fact.Known(name, FactValue.Of(value));

    public static Fact Flag(string name, bool value) => Fact.Known(name, FactValue.Of(value));
}
