namespace Auditor.Core.Reporting;

/// <summary>
/// One step of the reproducibility trace (model version -> run -> commit -> data). A placeholder shape: the trace
/// work fills and may extend it; renderers already reserve a section for it.
/// </summary>
public sealed record TraceEntry(string Subject, string Verdict, string Message);
