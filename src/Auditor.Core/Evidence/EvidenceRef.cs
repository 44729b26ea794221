namespace Auditor.Core.Evidence;

/// <summary>
/// One piece of evidence a finding points at: a file, a commit, a run, a model version.
/// <paramref name="Kind"/> is one of file, commit, run, experiment, model-version, store, repository.
/// </summary>
public sealed record EvidenceRef(string Kind, string Value, string? Detail = null);
