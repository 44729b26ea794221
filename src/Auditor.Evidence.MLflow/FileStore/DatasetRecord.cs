namespace Auditor.Evidence.MLflow.FileStore;

/// <summary>An experiment's dataset (<c>&lt;exp&gt;/datasets/&lt;id&gt;/meta.yaml</c>), referenced by run inputs.</summary>
internal sealed record DatasetRecord(string Name, string Digest, string? SourceType, string? Source);
