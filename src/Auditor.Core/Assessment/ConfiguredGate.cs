using Auditor.Core.Rules;

namespace Auditor.Core.Assessment;

/// <summary>The CI gate as the configuration file sets it; command-line options win.</summary>
public sealed record ConfiguredGate(int? MinLevel, Severity? FailOn);
