using System.Data.Common;

namespace Auditor.Evidence.MLflow.Sql;

/// <summary>PostgreSQL: tables of <c>current_schema()</c> from <c>information_schema</c>; <c>is_nan</c> is a boolean.</summary>
internal sealed class PostgresDialect : ISqlDialect
{
    public SqlSchema Introspect(DbConnection connection) => SqlSchema.FromInformationSchema(connection, "current_schema()");

    public string IsNan(string column) => column;

    public string Concat(params string[] parts) => $"CONCAT({string.Join(", ", parts)})";
}
