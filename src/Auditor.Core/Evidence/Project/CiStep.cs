namespace Auditor.Core.Evidence;

/// <summary>A classified step: its kind, the job it belongs to, and the command or action that gave the kind away.</summary>
public sealed record CiStep(CiStepKind Kind, string Job, string Evidence, SourceLocation Location);
