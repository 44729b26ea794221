using Microsoft.Data.Sqlite;

namespace Auditor.Benchmarks;

/// <summary>Prepared inserts for runs, params, tags, metrics and latest_metrics, as MLflow's SQL store fills them.</summary>
internal sealed class SqliteRowWriter(SqliteConnection connection)
{
    private readonly SqliteCommand _run = Prepare(connection,
        "INSERT INTO runs (run_uuid, name, source_type, source_name, entry_point_name, user_id, status, start_time, end_time, source_version, lifecycle_stage, artifact_uri, experiment_id, deleted_time) " +
        "VALUES ($1, $2, 'UNKNOWN', '', '', $3, $4, $5, $6, '', 'active', $7, $8, NULL)", 8);

    private readonly SqliteCommand _param = Prepare(connection, "INSERT INTO params (\"key\", value, run_uuid) VALUES ($1, $2, $3)", 3);
    private readonly SqliteCommand _tag = Prepare(connection, "INSERT INTO tags (\"key\", value, run_uuid) VALUES ($1, $2, $3)", 3);
    private readonly SqliteCommand _metric = Prepare(connection, "INSERT INTO metrics (\"key\", value, timestamp, run_uuid, step, is_nan) VALUES ($1, $2, $3, $4, $5, 0)", 5);
    private readonly SqliteCommand _latest = Prepare(connection, "INSERT INTO latest_metrics (\"key\", value, timestamp, step, is_nan, run_uuid) VALUES ($1, $2, $3, $4, 0, $5)", 5);

    public void Add(SyntheticRun run, int experimentId, string artifactUri)
    {
        Run(_run, run.Id, run.Name, run.User, run.Status, run.StartTime, run.EndTime, artifactUri, experimentId);
        foreach (var (key, value) in run.Params)
        {
            Run(_param, key, value, run.Id);
        }

        foreach (var (key, value) in run.Tags)
        {
            Run(_tag, key, value, run.Id);
        }

        foreach (var (key, points) in run.Metrics)
        {
            foreach (var (timestamp, value, step) in points)
            {
                Run(_metric, key, value, timestamp, run.Id, step);
            }

            var last = points.MaxBy(p => (p.Step, p.Timestamp, p.Value));
            Run(_latest, key, last.Value, last.Timestamp, last.Step, run.Id);
        }
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 1; i <= parameters; i++)
        {
            command.Parameters.Add(new SqliteParameter("$" + i, null));
        }

        return command;
    }

    private static void Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        command.ExecuteNonQuery();
    }
}
