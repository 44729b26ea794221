namespace Auditor.Core.Reporting;

public sealed record ExperimentCounts(int Total, int Active, int Deleted);
