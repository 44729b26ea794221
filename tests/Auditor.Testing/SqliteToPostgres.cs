using Microsoft.Data.Sqlite;
using Npgsql;

namespace Auditor.Testing;

/// <summary>
/// Copies an MLflow SQLite store into an empty PostgreSQL database: the DDL derived from SQLite's own table
/// definitions (column types kept, BOOLEAN as boolean, FLOAT as double precision, BLOB as bytea; CHECK and
/// FOREIGN KEY constraints left out, primary keys kept), then every row, 0/1 turned into booleans.
/// </summary>
public static class SqliteToPostgres
{
    public static void Copy(string sqlitePath, string postgresConnectionString, bool schemaOnly = false)
    {
        using var sqlite = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sqlitePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        sqlite.Open();
        using var pg = new NpgsqlConnection(postgresConnectionString);
        pg.Open();
        var tables = Query(sqlite, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name", r => r.GetString(0));
        foreach (var table in tables)
        {
            var columns = Query(sqlite, $"SELECT name, type, \"notnull\", pk FROM pragma_table_info('{table}')", r => (Name: r.GetString(0), Type: PgType(r.GetString(1)), NotNull: r.GetInt64(2) == 1, Pk: r.GetInt64(3)));
            var keys = columns.Where(c => c.Pk > 0).OrderBy(c => c.Pk).Select(c => $"\"{c.Name}\"").ToList();
            var ddl = $"CREATE TABLE \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\" {c.Type}{(c.NotNull ? " NOT NULL" : "")}"))}" +
                      (keys.Count > 0 ? $", PRIMARY KEY ({string.Join(", ", keys)})" : "") + ")";
            Execute(pg, ddl);
            if (schemaOnly)
            {
                continue;
            }

            using var select = sqlite.CreateCommand();
            select.CommandText = $"SELECT {string.Join(", ", columns.Select(c => $"\"{c.Name}\""))} FROM \"{table}\"";
            using var reader = select.ExecuteReader();
            var insert = $"INSERT INTO \"{table}\" VALUES ({string.Join(", ", columns.Select((c, i) => c.Type == "json" ? $"CAST(@p{i} AS json)" : $"@p{i}"))})";
            using var transaction = pg.BeginTransaction();
            while (reader.Read())
            {
                using var command = new NpgsqlCommand(insert, pg, transaction);
                for (var i = 0; i < columns.Count; i++)
                {
                    command.Parameters.AddWithValue("p" + i, Value(reader, i, columns[i].Type));
                }

                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    private static object Value(SqliteDataReader reader, int i, string type)
    {
        if (reader.IsDBNull(i))
        {
            return DBNull.Value;
        }

        return type switch
        {
            "boolean" => reader.GetInt64(i) != 0,
            "double precision" => reader.GetDouble(i),
            "bigint" => reader.GetInt64(i),
            "integer" => checked((int)reader.GetInt64(i)),
            "bytea" => (byte[])reader.GetValue(i),
            _ => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!,
        };
    }

    private static string PgType(string sqliteType)
    {
        var upper = sqliteType.ToUpperInvariant();
        return upper switch
        {
            "BOOLEAN" => "boolean",
            "FLOAT" or "REAL" or "DOUBLE" => "double precision",
            "BIGINT" => "bigint",
            "INTEGER" or "INT" or "SMALLINT" => "integer",
            "BLOB" => "bytea",
            "JSON" => "json",
            "TEXT" or "" => "text",
            _ when upper.StartsWith("VARCHAR", StringComparison.Ordinal) || upper.StartsWith("CHAR", StringComparison.Ordinal) => sqliteType.ToLowerInvariant(),
            _ => "text",
        };
    }

    private static List<T> Query<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> map)
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

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
