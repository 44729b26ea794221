using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Auditor.Evidence.MLflow.Sql;

/// <summary>Runs an (owner, key, value) query into a compact map per owner.</summary>
internal interface IGroupedQuery
{
    Dictionary<string, IReadOnlyDictionary<string, string>> Run(string sql, StringPool pool);
}

/// <summary>Through ADO.NET, for database servers.</summary>
internal sealed class AdoGroupedQuery(DbConnection connection) : IGroupedQuery
{
    public Dictionary<string, IReadOnlyDictionary<string, string>> Run(string sql, StringPool pool)
    {
        var values = new GroupedValues(pool);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            values.Add(reader.Text(0), reader.Text(1), reader.Text(2) ?? "");
        }

        return values.Build();
    }
}

/// <summary>Through SQLite's statement API: a row's text is decoded on the stack and pooled strings are reused.</summary>
internal sealed class SqliteGroupedQuery : IGroupedQuery
{
    private readonly Func<string, SqliteStatement> _prepare;

    public SqliteGroupedQuery(SqliteConnection connection) => _prepare = sql => new SqliteStatement(connection, sql);

    /// <summary>On a scan connection: for the large tables, read on one thread.</summary>
    public SqliteGroupedQuery(SqliteScanConnection connection) => _prepare = sql => new SqliteStatement(connection, sql);

    public Dictionary<string, IReadOnlyDictionary<string, string>> Run(string sql, StringPool pool)
    {
        var values = new GroupedValues(pool);
        using var statement = _prepare(sql);
        while (statement.Step())
        {
            values.Add(statement.Utf8(0), statement.Utf8(1), statement.Utf8(2));
        }

        return values.Build();
    }
}
