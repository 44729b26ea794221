namespace Auditor.Core.Rules;

/// <summary>Three-valued truth: a condition over facts that could not be gathered is Unknown.</summary>
public enum Tri
{
    False,
    True,
    Unknown,
}
