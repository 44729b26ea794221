using Auditor.Core.Scoring;

namespace Auditor.Core.Reporting;

public sealed record MaturityResult(int Level, IReadOnlyList<LevelResult> Levels);
