namespace Auditor.Core.Trace;

/// <summary>The run behind a model version.</summary>
public enum RunState { Active, Deleted, Missing }

/// <summary>The commit recorded on that run, against the repository.</summary>
public enum CommitState { Present, Missing, Unknown, NotRecorded }

/// <summary>The environment the model was trained in: beside the model, else in the repository at the commit.</summary>
public enum EnvironmentState { Pinned, Unpinned, Missing, Unknown }

/// <summary>The data the model was trained on: logged on the run, or versioned in the repository at the commit (unknown: that commit could not be checked).</summary>
public enum DataState { Logged, Versioned, Missing, Unknown }

/// <summary>The model's files where the store says they are.</summary>
public enum ArtifactLinkState { Present, Missing, Unknown }

/// <summary>
/// Reproducible: every link present. Partial: some link unknown or weak (unpinned environment, no data lineage).
/// Broken: a link is missing (deleted run, commit gone or never recorded, artifact missing).
/// </summary>
public enum Verdict { Reproducible, Partial, Broken }
