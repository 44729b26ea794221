using Auditor.Core;
using Auditor.Core.Evidence;
using Auditor.Core.Tracking;
using Auditor.Evidence.MLflow.Sql;
using Auditor.Testing;
using MySqlConnector;

namespace Auditor.Evidence.MLflow.Tests;

/// <summary>
/// The SQLite fixtures copied into a real MariaDB server read back exactly as from SQLite, model files included
/// when the store's artifact folder is given as an artifact root; failures are one line without the password.
/// </summary>
[Collection(MySqlCollection.Name)]
public sealed class MySqlStoreTests(MySqlServerFixture mysql)
{
    private static int _databases;

    [Theory]
    [InlineData("tracked-sqlite")]
    [InlineData("tracked-sqlite-3x")]
    [InlineData("genai-sqlite-3x")]
    public void MySQL_gives_the_same_facts_as_SQLite(string name)
    {
        if (mysql.Require() is not { } server)
        {
            return;
        }

        using var fixture = Fixture.Unpack(name);
        var fromSqlite = StoreFixture.Read(fixture);
        var uri = Load(server, Path.Combine(fixture.Path, "mlflow.db"));

        var options = new TrackingReadOptions { Variables = _ => null, ArtifactRoots = [Path.Combine(fixture.Path, "mlruns")] };
        var collected = TrackingStoreReader.Collect(TrackingUriResolver.Parse(uri, fixture.Path), options);

        Assert.True(collected.State == CollectionState.Present, collected.Reason);
        var store = collected.Value!;
        Assert.All(store.RegisteredModels.SelectMany(m => m.Versions), v => Assert.Equal(ModelArtifactState.Found, v.Artifact?.State));
        Assert.Equal(TrackingStoreKind.Mysql, store.Kind);
        Assert.DoesNotContain(MySqlServer.Password, store.Uri, StringComparison.Ordinal);
        Assert.NotEmpty(store.Runs);
        Assert.Equal(StoreJson.Facts(fromSqlite), StoreJson.Facts(store));
    }

    [Fact]
    public void Registered_models_come_in_ordinal_name_order_under_a_case_insensitive_collation()
    {
        if (mysql.Require() is not { } server)
        {
            return;
        }

        using var fixture = Fixture.Unpack("tracked-sqlite");
        var database = Path.Combine(fixture.Path, "mlflow.db");
        using (var sqlite = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Pooling=False"))
        {
            sqlite.Open();
            using var insert = sqlite.CreateCommand();
            insert.CommandText = "INSERT INTO registered_models (name, creation_time, last_updated_time) VALUES ('NYC-taxi-upper', 1700000000000, 1700000000000)";
            insert.ExecuteNonQuery();
        }

        var fromSqlite = StoreFixture.Read(fixture);
        var uri = Load(server, database);

        var collected = TrackingStoreReader.Collect(TrackingUriResolver.Parse(uri, fixture.Path), new TrackingReadOptions { Variables = _ => null });

        Assert.True(collected.State == CollectionState.Present, collected.Reason);
        Assert.Equal(["NYC-taxi-upper", "nyc-taxi-baseline", "nyc-taxi-regressor"], collected.Value!.RegisteredModels.Select(m => m.Name));
        Assert.Equal(fromSqlite.RegisteredModels.Select(m => m.Name), collected.Value.RegisteredModels.Select(m => m.Name));
    }

    [Fact]
    public void Without_an_artifact_root_model_files_are_found_only_at_the_recorded_paths()
    {
        if (mysql.Require() is not { } server)
        {
            return;
        }

        using var fixture = Fixture.Unpack("tracked-sqlite");
        var uri = Load(server, Path.Combine(fixture.Path, "mlflow.db"));

        var collected = TrackingStoreReader.Collect(TrackingUriResolver.Parse(uri, fixture.Path), new TrackingReadOptions { Variables = _ => null });

        Assert.True(collected.State == CollectionState.Present, collected.Reason);
        var versions = collected.Value!.RegisteredModels.SelectMany(m => m.Versions).ToList();
        Assert.NotEmpty(versions);
        Assert.All(versions, v => Assert.Equal(ModelArtifactState.Missing, v.Artifact?.State));
    }

    [Fact]
    public void Password_comes_from_MYSQL_PWD_when_the_URI_has_none()
    {
        if (mysql.Require() is not { } server)
        {
            return;
        }

        using var fixture = Fixture.Unpack("tracked-sqlite");
        var uri = Load(server, Path.Combine(fixture.Path, "mlflow.db")).Replace(":" + MySqlServer.Password, "", StringComparison.Ordinal);
        var variables = new Dictionary<string, string> { ["MYSQL_PWD"] = MySqlServer.Password };

        var collected = TrackingStoreReader.Collect(TrackingUriResolver.Parse("mysql+pymysql" + uri["mysql".Length..], fixture.Path), new TrackingReadOptions { Variables = variables.GetValueOrDefault });

        Assert.True(collected.State == CollectionState.Present, collected.Reason);
        Assert.Equal(15, collected.Value!.Runs.Count);
    }

    [Fact]
    public void A_wrong_password_is_one_line_without_the_password()
    {
        if (mysql.Require() is not { } server)
        {
            return;
        }

        const string wrong = "Wr0ng-Pa55word";

        var reason = Failure($"mysql://{MySqlServer.User}:{wrong}@127.0.0.1:{server.Port}/mysql");

        Assert.DoesNotContain(wrong, reason, StringComparison.Ordinal);
        Assert.Contains($"{MySqlServer.User}:***@127.0.0.1", reason, StringComparison.Ordinal);
        Assert.Contains("Access denied", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_connection_is_one_line_without_the_password()
    {
        var port = ClosedPort();

        var reason = Failure($"mysql+mysqldb://{MySqlServer.User}:{MySqlServer.Password}@127.0.0.1:{port}/mlflow");

        Assert.DoesNotContain(MySqlServer.Password, reason, StringComparison.Ordinal);
        Assert.Contains($"cannot connect to 127.0.0.1:{port}", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_database_is_one_line_without_the_password()
    {
        if (mysql.Require() is not { } server)
        {
            return;
        }

        var reason = Failure(server.Uri("no_such_database"));

        Assert.DoesNotContain(MySqlServer.Password, reason, StringComparison.Ordinal);
        Assert.Contains("Unknown database 'no_such_database'", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_database_without_MLflow_tables_is_a_clear_failure()
    {
        if (mysql.Require() is not { } server)
        {
            return;
        }

        var reason = Failure(server.Uri("mysql"));

        Assert.Contains("not an MLflow tracking database", reason, StringComparison.Ordinal);
        Assert.DoesNotContain(MySqlServer.Password, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_readers_session_refuses_writes_in_its_transaction_and_after_it()
    {
        if (mysql.Require() is not { } server)
        {
            return;
        }

        using var fixture = Fixture.Unpack("tracked-sqlite");
        var uri = Load(server, Path.Combine(fixture.Path, "mlflow.db"));
        using var connection = MySqlStoreReader.OpenReadOnly(MySqlConnectionString.Build(uri, _ => null));

        var inTransaction = Assert.Throws<MySqlException>(() => Execute(connection, "INSERT INTO experiments (experiment_id, name, lifecycle_stage) VALUES (999, 'written', 'active')"));
        Execute(connection, "COMMIT");
        var afterIt = Assert.Throws<MySqlException>(() => Execute(connection, "UPDATE runs SET status = 'FAILED'"));

        Assert.Equal(MySqlErrorCode.CannotExecuteInReadOnlyTransaction, inTransaction.ErrorCode);
        Assert.Equal(MySqlErrorCode.CannotExecuteInReadOnlyTransaction, afterIt.ErrorCode);
    }

    [Fact]
    public void Reading_changes_no_table()
    {
        if (mysql.Require() is not { } server)
        {
            return;
        }

        using var fixture = Fixture.Unpack("tracked-sqlite-3x");
        var uri = Load(server, Path.Combine(fixture.Path, "mlflow.db"));
        var database = uri[(uri.LastIndexOf('/') + 1)..];
        var before = Checksums(server, database);

        var collected = TrackingStoreReader.Collect(TrackingUriResolver.Parse(uri, fixture.Path), new TrackingReadOptions { Variables = _ => null });

        Assert.True(collected.State == CollectionState.Present, collected.Reason);
        Assert.Equal(before, Checksums(server, database));
    }

    [Fact]
    public void The_URI_and_MySQL_variables_become_a_connection()
    {
        var builder = MySqlConnectionString.Build("mysql+pymysql://alice:s%40cret@db.example:3307/mlflow?charset=utf8mb4&ssl_mode=VERIFY_IDENTITY&ssl_ca=/etc/ca.pem", _ => null);
        Assert.Equal(("db.example", 3307u, "alice", "s@cret", "mlflow"), (builder.Server, builder.Port, builder.UserID, builder.Password, builder.Database));
        Assert.Equal((MySqlSslMode.VerifyFull, "/etc/ca.pem"), (builder.SslMode, builder.SslCa));

        var variables = new Dictionary<string, string> { ["MYSQL_HOST"] = "my.internal", ["MYSQL_TCP_PORT"] = "3999", ["MYSQL_PWD"] = "from-env", ["USER"] = "bob" };
        var fromEnvironment = MySqlConnectionString.Build("mysql:///tracking", variables.GetValueOrDefault);
        Assert.Equal(("my.internal", 3999u, "bob", "from-env", "tracking"), (fromEnvironment.Server, fromEnvironment.Port, fromEnvironment.UserID, fromEnvironment.Password, fromEnvironment.Database));

        var socket = MySqlConnectionString.Build("mysql://carol@/tracking", new Dictionary<string, string> { ["MYSQL_UNIX_PORT"] = "/run/mysqld/mysqld.sock" }.GetValueOrDefault);
        Assert.Equal((MySqlConnectionProtocol.UnixSocket, "/run/mysqld/mysqld.sock", "carol"), (socket.ConnectionProtocol, socket.Server, socket.UserID));

        var cloudSql = MySqlConnectionString.Build("mysql+pymysql://dave:pw@/mlflow?unix_socket=/cloudsql/project:region:instance", _ => null);
        Assert.Equal((MySqlConnectionProtocol.UnixSocket, "/cloudsql/project:region:instance"), (cloudSql.ConnectionProtocol, cloudSql.Server));

        var noDatabase = Assert.Throws<AuditInputException>(() => MySqlConnectionString.Build("mysql://erin:Hidden-9@db.example", _ => null));
        Assert.DoesNotContain("Hidden-9", noDatabase.Message, StringComparison.Ordinal);
    }

    /// <summary>Copies a SQLite store into a new database and returns its tracking URI.</summary>
    internal static string Load(MySqlServer server, string sqlitePath)
    {
        var database = "mlflow_" + Interlocked.Increment(ref _databases) + "_" + Guid.NewGuid().ToString("N")[..6];
        server.CreateDatabase(database);
        SqliteToMySql.Copy(sqlitePath, server.ConnectionString(database));
        return server.Uri(database);
    }

    /// <summary>The reason a store could not be read, checked to be one line.</summary>
    private static string Failure(string uri)
    {
        var collected = TrackingStoreReader.Collect(TrackingUriResolver.Parse(uri, "/"), new TrackingReadOptions { Variables = _ => null });
        Assert.Equal(CollectionState.Failed, collected.State);
        Assert.DoesNotContain('\n', collected.Reason!);
        return collected.Reason!;
    }

    private static void Execute(MySqlConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Every table's content checksum, as root.</summary>
    private static string Checksums(MySqlServer server, string database)
    {
        using var connection = new MySqlConnection(server.ConnectionString(database));
        connection.Open();
        var tables = new List<string>();
        using (var command = new MySqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name", connection))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        using var checksum = new MySqlCommand("CHECKSUM TABLE " + string.Join(", ", tables.Select(t => $"`{t}`")), connection);
        using var rows = checksum.ExecuteReader();
        var result = new List<string>();
        while (rows.Read())
        {
            result.Add($"{rows.GetString(0)} {rows.GetValue(1)}");
        }

        Assert.NotEmpty(result);
        return string.Join('\n', result);
    }

    private static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
