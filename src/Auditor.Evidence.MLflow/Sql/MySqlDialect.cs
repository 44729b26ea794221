using System.Data.Common;

namespace Auditor.Evidence.MLflow.Sql;

/// <summary>
/// MySQL and MariaDB: tables of the connection's database (<c>DATABASE()</c>) from <c>information_schema</c>;
/// <c>is_nan</c> is a BOOLEAN, which is TINYINT(1) 0/1. The reader's session runs with <c>ANSI_QUOTES</c>, so the
/// shared SQL's double-quoted identifiers (<c>"key"</c>, <c>"value"</c>) mean what they mean elsewhere.
/// </summary>
internal sealed class MySqlDialect : ISqlDialect
{
    public SqlSchema Introspect(DbConnection connection)
    {
        var columns = SqlRows.Query(connection, "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = DATABASE()", r => (Table: r.GetString(0), Column: r.GetString(1)))
            .GroupBy(x => x.Table, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, IReadOnlySet<string> (g) => g.Select(x => x.Column).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var revision = columns.ContainsKey("alembic_version")
            ? SqlRows.Query(connection, "SELECT version_num FROM alembic_version", r => r.GetString(0)).FirstOrDefault()
            : null;
        return new SqlSchema(columns, revision);
    }

    public string IsNan(string column) => $"{column} <> 0";

    public string Concat(params string[] parts) => $"CONCAT({string.Join(", ", parts)})";
}
