namespace Auditor.Core.Rules;

public enum Severity
{
    Info,
    Low,
    Medium,
    High,
    Critical,
}
