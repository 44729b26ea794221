namespace Auditor.Evidence.MLflow.Sql;

/// <summary>
/// The tables and columns a SQL store actually has. MLflow auto-migrates on open, so a reader must not
/// trust the alembic revision alone: optional tables and columns are detected here.
/// </summary>
internal sealed record SqlSchema(IReadOnlyDictionary<string, IReadOnlySet<string>> Columns, string? AlembicRevision)
{
    public bool Has(string table) => Columns.ContainsKey(table);

    public bool Has(string table, string column) => Columns.TryGetValue(table, out var columns) && columns.Contains(column);
}
