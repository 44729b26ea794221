namespace Auditor.Core.Evidence;

/// <summary>What a CI step does, classified from its commands and the actions it uses.</summary>
public enum CiStepKind
{
    Test,
    Train,
    Evaluate,
    BuildImage,
    Deploy,
    RegisterModel,
}
