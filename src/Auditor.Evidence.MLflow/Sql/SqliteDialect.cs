using System.Data.Common;

namespace Auditor.Evidence.MLflow.Sql;

/// <summary>SQLite: tables from <c>sqlite_master</c>, columns from <c>pragma_table_info</c>; <c>is_nan</c> is 0/1.</summary>
internal sealed class SqliteDialect : ISqlDialect
{
    public SqlSchema Introspect(DbConnection connection)
    {
        var tables = SqlRows.Query(connection, "SELECT name FROM sqlite_master WHERE type = 'table'", r => r.GetString(0));
        var columns = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            var names = SqlRows.Query(connection, $"SELECT name FROM pragma_table_info('{table.Replace("'", "''")}')", r => r.GetString(0));
            columns[table] = names.ToHashSet(StringComparer.Ordinal);
        }

        return SqlSchema.Of(connection, columns);
    }

    public string IsNan(string column) => $"{column} = 1";

    public string Concat(params string[] parts) => string.Join(" || ", parts);
}
