using Microsoft.Data.Sqlite;

namespace Auditor.Testing;

/// <summary>
/// A fixture's SQLite store as a team with object storage has it: the database copied into <paramref name="folder"/>
/// (without the <c>mlruns</c> beside it, so nothing can be read from disk) with every recorded artifact location
/// rewritten from <c>.../mlruns/&lt;rest&gt;</c> to <c>&lt;baseUri&gt;/&lt;rest&gt;</c>: runs, experiments, logged models and
/// model versions (<c>source</c>, <c>storage_location</c>).
/// </summary>
public static class ObjectStoreCopy
{
    private static readonly (string Table, string Column)[] Locations =
    [
        ("runs", "artifact_uri"), ("experiments", "artifact_location"), ("model_versions", "source"),
        ("model_versions", "storage_location"), ("logged_models", "artifact_location"),
    ];

    /// <summary>The copied database's path.</summary>
    public static string Sqlite(string databasePath, string folder, string baseUri)
    {
        Directory.CreateDirectory(folder);
        var copy = Path.Combine(folder, "mlflow.db");
        File.Copy(databasePath, copy, overwrite: true);
        using var connection = new SqliteConnection($"Data Source={copy};Pooling=False");
        connection.Open();
        foreach (var (table, column) in Locations)
        {
            using var exists = connection.CreateCommand();
            exists.CommandText = $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'";
            if (Convert.ToInt64(exists.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                continue;
            }

            using var update = connection.CreateCommand();
            update.CommandText = $"UPDATE {table} SET {column} = $base || substr({column}, instr({column}, '/mlruns/') + 8) WHERE instr({column}, '/mlruns/') > 0";
            update.Parameters.AddWithValue("$base", baseUri.TrimEnd('/') + "/");
            update.ExecuteNonQuery();
        }

        return copy;
    }

    /// <summary>Sets one version's recorded locations (source and storage location) to <paramref name="location"/>.</summary>
    public static void SetVersionLocation(string databasePath, string model, int version, string location)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var update = connection.CreateCommand();
        update.CommandText = "UPDATE model_versions SET source = $location, storage_location = $location WHERE name = $name AND version = $version";
        update.Parameters.AddWithValue("$location", location);
        update.Parameters.AddWithValue("$name", model);
        update.Parameters.AddWithValue("$version", version);
        update.ExecuteNonQuery();
    }
}
