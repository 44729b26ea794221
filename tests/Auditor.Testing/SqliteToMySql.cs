using Microsoft.Data.Sqlite;
using MySqlConnector;

namespace Auditor.Testing;

/// <summary>
/// Copies an MLflow SQLite store into an empty MySQL or MariaDB database, as SQLAlchemy lays MLflow's schema out
/// there: the DDL derived from SQLite's own table definitions (VARCHAR kept, BOOLEAN as TINYINT(1), FLOAT as DOUBLE,
/// TEXT as MEDIUMTEXT, BLOB as LONGBLOB; CHECK and FOREIGN KEY constraints left out, primary keys kept) in the
/// database's default character set and collation, then every row, then MLflow's indexes (such as
/// <c>index_metrics_run_uuid</c>, which the server's metric aggregation walks in order).
/// </summary>
public static class SqliteToMySql
{
    public static void Copy(string sqlitePath, string mysqlConnectionString, bool schemaOnly = false)
    {
        using var sqlite = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sqlitePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        sqlite.Open();
        using var mysql = new MySqlConnection(mysqlConnectionString);
        mysql.Open();
        var tables = Query(sqlite, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name", r => r.GetString(0));
        foreach (var table in tables)
        {
            var columns = Query(sqlite, $"SELECT name, type, \"notnull\", pk FROM pragma_table_info('{table}')", r => (Name: r.GetString(0), Type: MySqlType(r.GetString(1)), NotNull: r.GetInt64(2) == 1, Pk: r.GetInt64(3)));
            var keys = columns.Where(c => c.Pk > 0).OrderBy(c => c.Pk).Select(c => $"`{c.Name}`").ToList();
            var ddl = $"CREATE TABLE `{table}` ({string.Join(", ", columns.Select(c => $"`{c.Name}` {c.Type}{(c.NotNull ? " NOT NULL" : "")}"))}" +
                      (keys.Count > 0 ? $", PRIMARY KEY ({string.Join(", ", keys)})" : "") + ")";
            Execute(mysql, ddl);
            if (schemaOnly)
            {
                continue;
            }

            using var select = sqlite.CreateCommand();
            select.CommandText = $"SELECT {string.Join(", ", columns.Select(c => $"\"{c.Name}\""))} FROM \"{table}\"";
            using var reader = select.ExecuteReader();
            var insert = $"INSERT INTO `{table}` VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
            using var transaction = mysql.BeginTransaction();
            while (reader.Read())
            {
                using var command = new MySqlCommand(insert, mysql, transaction);
                for (var i = 0; i < columns.Count; i++)
                {
                    command.Parameters.AddWithValue("@p" + i, Value(reader, i, columns[i].Type));
                }

                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        // Indexes over columns the copy has (SQLite's generated columns, such as spans.duration_ns, are not copied).
        var indexes = Query(sqlite, "SELECT name, tbl_name, sql LIKE 'CREATE UNIQUE%' FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name", r => (Name: r.GetString(0), Table: r.GetString(1), Unique: r.GetInt64(2) == 1));
        foreach (var index in indexes)
        {
            var columns = Query(sqlite, $"SELECT name FROM pragma_index_info('{index.Name}') ORDER BY seqno", r => r.IsDBNull(0) ? null : r.GetString(0));
            var copied = Query(sqlite, $"SELECT name FROM pragma_table_info('{index.Table}')", r => r.GetString(0));
            if (columns.All(c => c is not null && copied.Contains(c)))
            {
                Execute(mysql, $"CREATE {(index.Unique ? "UNIQUE " : "")}INDEX `{index.Name}` ON `{index.Table}` ({string.Join(", ", columns.Select(c => $"`{c}`"))})");
            }
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
            "BOOLEAN" => reader.GetInt64(i) != 0,
            "DOUBLE" => reader.GetDouble(i),
            "BIGINT" => reader.GetInt64(i),
            "INTEGER" or "SMALLINT" => checked((int)reader.GetInt64(i)),
            "LONGBLOB" => (byte[])reader.GetValue(i),
            _ => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!,
        };
    }

    private static string MySqlType(string sqliteType)
    {
        var upper = sqliteType.ToUpperInvariant();
        return upper switch
        {
            "BOOLEAN" => "BOOLEAN",
            "FLOAT" or "REAL" or "DOUBLE" => "DOUBLE",
            "BIGINT" => "BIGINT",
            "INTEGER" or "INT" => "INTEGER",
            "SMALLINT" => "SMALLINT",
            "BLOB" => "LONGBLOB",
            "JSON" => "JSON",
            _ when upper.StartsWith("VARCHAR", StringComparison.Ordinal) || upper.StartsWith("CHAR", StringComparison.Ordinal) => upper,
            _ => "MEDIUMTEXT",
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

    private static void Execute(MySqlConnection connection, string sql)
    {
        using var command = new MySqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
