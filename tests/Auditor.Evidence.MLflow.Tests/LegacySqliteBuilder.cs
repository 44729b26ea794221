using Auditor.Testing;
using Microsoft.Data.Sqlite;

namespace Auditor.Evidence.MLflow.Tests;

/// <summary>
/// Creates MLflow 1.x SQLite stores with the CREATE TABLE statements of the spec's base schema (0.9.1
/// initial_models.py) and early alembic revisions, for schema generations the fixtures lack.
/// </summary>
internal sealed class LegacySqliteBuilder : IDisposable
{
    private const string Base = """
        CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num));
        CREATE TABLE experiments (experiment_id INTEGER NOT NULL, name VARCHAR(256) NOT NULL, artifact_location VARCHAR(256), lifecycle_stage VARCHAR(32),
            CONSTRAINT experiment_pk PRIMARY KEY (experiment_id), UNIQUE (name), CONSTRAINT lifecycle_stage CHECK (lifecycle_stage IN ('active', 'deleted')));
        CREATE TABLE runs (run_uuid VARCHAR(32) NOT NULL, name VARCHAR(250), source_type VARCHAR(20), source_name VARCHAR(500), entry_point_name VARCHAR(50),
            user_id VARCHAR(256), status VARCHAR(20), start_time BIGINT, end_time BIGINT, source_version VARCHAR(50), lifecycle_stage VARCHAR(20),
            artifact_uri VARCHAR(200), experiment_id INTEGER, CONSTRAINT run_pk PRIMARY KEY (run_uuid), FOREIGN KEY(experiment_id) REFERENCES experiments (experiment_id));
        CREATE TABLE tags ("key" VARCHAR(250) NOT NULL, value VARCHAR(250), run_uuid VARCHAR(32) NOT NULL, CONSTRAINT tag_pk PRIMARY KEY ("key", run_uuid));
        CREATE TABLE params ("key" VARCHAR(250) NOT NULL, value VARCHAR(250) NOT NULL, run_uuid VARCHAR(32) NOT NULL, CONSTRAINT param_pk PRIMARY KEY ("key", run_uuid));
        """;

    /// <summary>Revision 1 (451aebb31d03, MLflow 1.0): metrics with a step, no is_nan yet.</summary>
    public const string Mlflow10 = Base + """
        CREATE TABLE metrics ("key" VARCHAR(250) NOT NULL, value FLOAT NOT NULL, timestamp BIGINT NOT NULL, run_uuid VARCHAR(32) NOT NULL,
            step BIGINT DEFAULT '0' NOT NULL, CONSTRAINT metric_pk PRIMARY KEY ("key", timestamp, step, run_uuid, value));
        INSERT INTO alembic_version VALUES ('90e64c465722');
        """;

    /// <summary>Up to revision 7 (2b4d017a5e9b, MLflow 1.4): is_nan, experiment tags, latest_metrics, registry without tags, links or aliases.</summary>
    public const string Mlflow14 = Base + """
        CREATE TABLE metrics ("key" VARCHAR(250) NOT NULL, value FLOAT NOT NULL, timestamp BIGINT NOT NULL, run_uuid VARCHAR(32) NOT NULL,
            step BIGINT DEFAULT '0' NOT NULL, is_nan BOOLEAN DEFAULT '0' NOT NULL, CONSTRAINT metric_pk PRIMARY KEY ("key", timestamp, step, run_uuid, value, is_nan));
        CREATE TABLE experiment_tags ("key" VARCHAR(250) NOT NULL, value VARCHAR(5000), experiment_id INTEGER NOT NULL, CONSTRAINT experiment_tag_pk PRIMARY KEY ("key", experiment_id));
        CREATE TABLE latest_metrics ("key" VARCHAR(250) NOT NULL, value FLOAT NOT NULL, timestamp BIGINT, step BIGINT NOT NULL, is_nan BOOLEAN NOT NULL,
            run_uuid VARCHAR(32) NOT NULL, CONSTRAINT latest_metric_pk PRIMARY KEY ("key", run_uuid));
        CREATE TABLE registered_models (name VARCHAR(256) NOT NULL, creation_time BIGINT, last_updated_time BIGINT, description VARCHAR(5000),
            CONSTRAINT registered_model_pk PRIMARY KEY (name), UNIQUE (name));
        CREATE TABLE model_versions (name VARCHAR(256) NOT NULL, version INTEGER NOT NULL, creation_time BIGINT, last_updated_time BIGINT, description VARCHAR(5000),
            user_id VARCHAR(256), current_stage VARCHAR(20), source VARCHAR(500), run_id VARCHAR(32) NOT NULL, status VARCHAR(20), status_message VARCHAR(500),
            CONSTRAINT model_version_pk PRIMARY KEY (name, version), FOREIGN KEY(name) REFERENCES registered_models (name) ON UPDATE cascade);
        INSERT INTO alembic_version VALUES ('2b4d017a5e9b');
        """;

    private readonly TempFolder _folder = new();

    public LegacySqliteBuilder(string schema)
    {
        Path = _folder.Combine("mlflow.db");
        Execute(schema);
    }

    public string Path { get; }

    public string Folder => _folder.Path;

    public LegacySqliteBuilder Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
        return this;
    }

    public void Dispose() => _folder.Dispose();
}
