namespace Auditor.Core.Assessment;

public enum AttestationAnswer
{
    Yes,
    No,
}
