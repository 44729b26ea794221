using System.Data.Common;

namespace Auditor.Evidence.MLflow.Sql;

/// <summary>
/// MySQL and MariaDB: tables of the connection's database (<c>DATABASE()</c>) from <c>information_schema</c>;
/// <c>is_nan</c> is a BOOLEAN, which is TINYINT(1) 0/1. The reader's session runs with <c>ANSI_QUOTES</c>, so the
/// shared SQL's double-quoted identifiers (<c>"key"</c>, <c>"value"</c>) mean what they mean elsewhere.
/// </summary>
internal sealed class MySqlDialect : ISqlDialect
{
    public SqlSchema Introspect(DbConnection connection) => SqlSchema.FromInformationSchema(connection, "DATABASE()");

    public string IsNan(string column) => $"{column} <> 0";

    public string Concat(params string[] parts) => $"CONCAT({string.Join(", ", parts)})";
}
