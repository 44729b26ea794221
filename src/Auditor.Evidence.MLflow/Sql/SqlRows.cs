using System.Data.Common;
using System.Globalization;

namespace Auditor.Evidence.MLflow.Sql;

/// <summary>Small helpers over ADO.NET readers; values are converted the same way for every database.</summary>
internal static class SqlRows
{
    public static List<T> Query<T>(DbConnection connection, string sql, Func<DbDataReader, T> map)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    public static string? Text(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Convert.ToString(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    public static long? Long(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    public static double? Double(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Convert.ToDouble(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    public static bool Bool(this DbDataReader reader, int ordinal) =>
        !reader.IsDBNull(ordinal) && Convert.ToBoolean(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    public static DateTimeOffset? Time(this DbDataReader reader, int ordinal) =>
        reader.Long(ordinal) is { } ms and > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    /// <summary>A column if the table has it, else a literal, so one query serves every schema generation.</summary>
    public static string ColumnOr(SqlSchema schema, string table, string column, string fallback, string? alias = null) =>
        schema.Has(table, column) ? (alias is null ? $"\"{column}\"" : $"{alias}.\"{column}\"") : fallback;
}
