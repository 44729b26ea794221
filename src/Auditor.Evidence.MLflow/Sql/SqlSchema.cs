using System.Data.Common;

namespace Auditor.Evidence.MLflow.Sql;

/// <summary>
/// The tables and columns a SQL store actually has. MLflow auto-migrates on open, so a reader must not
/// trust the alembic revision alone: optional tables and columns are detected here.
/// </summary>
internal sealed record SqlSchema(IReadOnlyDictionary<string, IReadOnlySet<string>> Columns, string? AlembicRevision)
{
    public bool Has(string table) => Columns.ContainsKey(table);

    public bool Has(string table, string column) => Columns.TryGetValue(table, out var columns) && columns.Contains(column);

    /// <summary>The schema from the tables' columns, with the alembic revision when the database records one.</summary>
    public static SqlSchema Of(DbConnection connection, IReadOnlyDictionary<string, IReadOnlySet<string>> columns)
    {
        var revision = columns.ContainsKey("alembic_version")
            ? SqlRows.Query(connection, "SELECT version_num FROM alembic_version", r => r.GetString(0)).FirstOrDefault()
            : null;
        return new SqlSchema(columns, revision);
    }

    /// <summary>A database server's schema from <c>information_schema</c>, for the schema that <paramref name="schemaExpression"/> names.</summary>
    public static SqlSchema FromInformationSchema(DbConnection connection, string schemaExpression) =>
        Of(connection, SqlRows.Query(connection, $"SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = {schemaExpression}", r => (Table: r.GetString(0), Column: r.GetString(1)))
            .GroupBy(x => x.Table, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, IReadOnlySet<string> (g) => g.Select(x => x.Column).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal));
}
