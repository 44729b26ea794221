using Npgsql;

namespace Auditor.Benchmarks.Remote;

/// <summary>
/// Fills an MLflow schema in PostgreSQL with synthetic runs by <c>generate_series</c>, shaped like the scale fixture:
/// 20 experiments, 10 params and 6 tags per run (the git commit on ~69%), 5 metric keys with <c>steps</c> points each.
/// </summary>
internal static class SyntheticRuns
{
    public static void Load(string connectionString, int runs, int steps)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        string[] statements =
        [
            "INSERT INTO experiments (experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time) " +
            "SELECT g, 'bench-' || g, '/srv/mlruns/' || g, 'active', 1735689600000, 1735689600000 FROM generate_series(1, 20) g",
            $"INSERT INTO runs (run_uuid, name, source_type, source_name, entry_point_name, user_id, status, start_time, end_time, source_version, lifecycle_stage, artifact_uri, experiment_id) " +
            $"SELECT md5('run' || g), 'run-' || g, 'LOCAL', 'train.py', '', 'user' || (g % 7), " +
            $"CASE WHEN g % 37 = 0 THEN 'FAILED' WHEN g % 41 = 0 THEN 'KILLED' ELSE 'FINISHED' END, " +
            $"1735689600000 + g::bigint * 60000, 1735689600000 + g::bigint * 60000 + 45000, '', CASE WHEN g % 97 = 0 THEN 'deleted' ELSE 'active' END, " +
            $"'/srv/mlruns/' || (1 + g % 20) || '/' || md5('run' || g) || '/artifacts', 1 + g % 20 FROM generate_series(1, {runs}) g",
            $"INSERT INTO params (\"key\", \"value\", run_uuid) SELECT 'param_' || k, (g * k % 1000)::text, md5('run' || g) FROM generate_series(1, {runs}) g, generate_series(1, 10) k",
            $"INSERT INTO tags (\"key\", \"value\", run_uuid) SELECT t.k, t.v || CASE WHEN t.k = 'mlflow.runName' THEN g::text ELSE '' END, md5('run' || g) " +
            $"FROM generate_series(1, {runs}) g, (VALUES ('mlflow.user', 'alice'), ('mlflow.source.name', 'train.py'), ('mlflow.source.type', 'LOCAL'), ('mlflow.runName', 'run-'), ('developer', 'bob')) t(k, v)",
            $"INSERT INTO tags (\"key\", \"value\", run_uuid) SELECT 'mlflow.source.git.commit', md5('commit' || (g % 40)) || substr(md5('x'), 1, 8), md5('run' || g) FROM generate_series(1, {runs}) g WHERE g % 100 < 69",
            $"INSERT INTO metrics (\"key\", \"value\", \"timestamp\", run_uuid, step, is_nan) " +
            $"SELECT 'metric_' || k, 1.0 / (s + k + g % 13), 1735689600000 + g::bigint * 60000 + s, md5('run' || g), s, false FROM generate_series(1, {runs}) g, generate_series(1, 5) k, generate_series(0, {steps - 1}) s",
            $"INSERT INTO latest_metrics (\"key\", \"value\", \"timestamp\", step, is_nan, run_uuid) " +
            $"SELECT 'metric_' || k, 1.0 / ({steps - 1} + k + g % 13), 1735689600000 + g::bigint * 60000 + {steps - 1}, {steps - 1}, false, md5('run' || g) FROM generate_series(1, {runs}) g, generate_series(1, 5) k",
            "ANALYZE",
        ];
        foreach (var sql in statements)
        {
            using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 3600 };
            command.ExecuteNonQuery();
        }
    }
}
