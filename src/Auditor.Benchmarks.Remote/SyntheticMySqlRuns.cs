using MySqlConnector;

namespace Auditor.Benchmarks.Remote;

/// <summary>
/// Fills an MLflow schema in MariaDB with the same synthetic runs as <see cref="SyntheticRuns"/>, by MariaDB's
/// sequence tables (<c>seq_1_to_N</c>) instead of <c>generate_series</c>.
/// </summary>
internal static class SyntheticMySqlRuns
{
    public static void Load(string connectionString, int runs, int steps)
    {
        using var connection = new MySqlConnection(connectionString);
        connection.Open();
        const string Run = "MD5(CONCAT('run', g.seq))";
        string[] statements =
        [
            "INSERT INTO experiments (experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time) " +
            "SELECT seq, CONCAT('bench-', seq), CONCAT('/srv/mlruns/', seq), 'active', 1735689600000, 1735689600000 FROM seq_1_to_20",
            $"INSERT INTO runs (run_uuid, name, source_type, source_name, entry_point_name, user_id, status, start_time, end_time, source_version, lifecycle_stage, artifact_uri, experiment_id) " +
            $"SELECT {Run}, CONCAT('run-', g.seq), 'LOCAL', 'train.py', '', CONCAT('user', g.seq % 7), " +
            $"CASE WHEN g.seq % 37 = 0 THEN 'FAILED' WHEN g.seq % 41 = 0 THEN 'KILLED' ELSE 'FINISHED' END, " +
            $"1735689600000 + g.seq * 60000, 1735689600000 + g.seq * 60000 + 45000, '', CASE WHEN g.seq % 97 = 0 THEN 'deleted' ELSE 'active' END, " +
            $"CONCAT('/srv/mlruns/', 1 + g.seq % 20, '/', {Run}, '/artifacts'), 1 + g.seq % 20 FROM seq_1_to_{runs} g",
            $"INSERT INTO params (`key`, `value`, run_uuid) SELECT CONCAT('param_', k.seq), CAST(g.seq * k.seq % 1000 AS CHAR), {Run} FROM seq_1_to_{runs} g, seq_1_to_10 k",
            $"INSERT INTO tags (`key`, `value`, run_uuid) SELECT t.k, CONCAT(t.v, CASE WHEN t.k = 'mlflow.runName' THEN g.seq ELSE '' END), {Run} FROM seq_1_to_{runs} g, " +
            "(SELECT 'mlflow.user' AS k, 'alice' AS v UNION ALL SELECT 'mlflow.source.name', 'train.py' UNION ALL SELECT 'mlflow.source.type', 'LOCAL' " +
            "UNION ALL SELECT 'mlflow.runName', 'run-' UNION ALL SELECT 'developer', 'bob') t",
            $"INSERT INTO tags (`key`, `value`, run_uuid) SELECT 'mlflow.source.git.commit', CONCAT(MD5(CONCAT('commit', g.seq % 40)), SUBSTR(MD5('x'), 1, 8)), {Run} FROM seq_1_to_{runs} g WHERE g.seq % 100 < 69",
            $"INSERT INTO metrics (`key`, `value`, `timestamp`, run_uuid, step, is_nan) " +
            $"SELECT CONCAT('metric_', k.seq), 1e0 / (s.seq + k.seq + g.seq % 13), 1735689600000 + g.seq * 60000 + s.seq, {Run}, s.seq, 0 FROM seq_1_to_{runs} g, seq_1_to_5 k, seq_0_to_{steps - 1} s",
            $"INSERT INTO latest_metrics (`key`, `value`, `timestamp`, step, is_nan, run_uuid) " +
            $"SELECT CONCAT('metric_', k.seq), 1e0 / ({steps - 1} + k.seq + g.seq % 13), 1735689600000 + g.seq * 60000 + {steps - 1}, {steps - 1}, 0, {Run} FROM seq_1_to_{runs} g, seq_1_to_5 k",
            "ANALYZE TABLE experiments, runs, params, tags, metrics, latest_metrics",
        ];
        foreach (var sql in statements)
        {
            using var command = new MySqlCommand(sql, connection) { CommandTimeout = 3600 };
            command.ExecuteNonQuery();
        }
    }
}
