namespace Auditor.Core.Rules;

/// <summary>What an outcome rests on: evidence mlaudit gathered, or a person's attestation.</summary>
public enum Basis
{
    Automated,
    Attested,
}
