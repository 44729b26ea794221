using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MySqlConnector;

namespace Auditor.Testing;

/// <summary>
/// A throwaway MariaDB (or MySQL) server on 127.0.0.1 and a free port: <c>mariadb-install-db</c> into a temporary
/// folder, <c>mariadbd</c> started as a child process, killed and deleted on dispose. As root the server runs with
/// <c>--user=root</c>. Root connects through the server's own socket without a password; TCP connections are made
/// as <see cref="User"/> with the password <see cref="Password"/>, so authentication is real.
/// </summary>
public sealed class MySqlServer : IDisposable
{
    public const string User = "mlflow";
    public const string Password = "my-Secret-4711";

    private readonly string _root;
    private readonly Process _server;

    private MySqlServer((string Server, string InstallDb) binaries)
    {
        _root = Path.Combine(Path.GetTempPath(), "mlaudit-my-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(_root);
        var data = Path.Combine(_root, "data");
        var asRoot = Environment.UserName == "root" ? new[] { "--user=root" } : [];
        Run(binaries.InstallDb, ["--no-defaults", "--datadir=" + data, "--auth-root-authentication-method=normal", "--skip-test-db", "--skip-name-resolve", .. asRoot]);

        Port = FreePort();
        var start = new ProcessStartInfo(binaries.Server,
        [
            "--no-defaults", "--datadir=" + data, "--port=" + Port, "--bind-address=127.0.0.1", "--socket=" + Socket,
            "--pid-file=" + Path.Combine(_root, "pid"), "--log-error=" + Path.Combine(_root, "log"), "--skip-name-resolve",
            "--skip-log-bin", "--character-set-server=utf8mb4", "--innodb-flush-log-at-trx-commit=0", "--innodb-doublewrite=0",
            "--innodb-buffer-pool-size=1G", .. asRoot,
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _root,
        };
        _server = Process.Start(start)!;
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        try
        {
            WaitUntilReady();
            AsRoot($"CREATE USER '{User}'@'%' IDENTIFIED BY '{Password}'; GRANT ALL PRIVILEGES ON *.* TO '{User}'@'%'");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public int Port { get; }

    /// <summary>The server's Unix socket, in its temporary folder.</summary>
    public string Socket => Path.Combine(_root, "sock");

    /// <summary>Starts a server, or returns null (with the reason) when no MariaDB or MySQL server binaries are installed.</summary>
    public static MySqlServer? TryStart(out string reason)
    {
        var server = Find(["mariadbd", "mysqld"], "/usr/sbin", "/usr/local/sbin");
        var installDb = Find(["mariadb-install-db", "mysql_install_db"], "/usr/bin", "/usr/local/bin");
        if (server is null || installDb is null)
        {
            reason = "no MariaDB server binaries (mariadbd, mariadb-install-db) on PATH or in /usr/sbin; run .ci/install";
            return null;
        }

        reason = "";
        return new MySqlServer((server, installDb));
    }

    /// <summary>
    /// Starts a server for a test. Without MariaDB binaries: throws in CI (<c>CI=true</c>), else prints why and
    /// returns null so the test can return early.
    /// </summary>
    public static MySqlServer? StartForTests()
    {
        var server = TryStart(out var reason);
        if (server is not null)
        {
            return server;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("MySQL tests cannot run in CI: " + reason);
        }

        Console.WriteLine("SKIPPED (MySQL): " + reason);
        return null;
    }

    /// <summary>A connection string for a database, over TCP with the password.</summary>
    public string ConnectionString(string? database = null) =>
        new MySqlConnectionStringBuilder { Server = "127.0.0.1", Port = (uint)Port, UserID = User, Password = Password, Database = database ?? "", Pooling = false, ConnectionTimeout = 30, DefaultCommandTimeout = 600, GuidFormat = MySqlGuidFormat.None }.ConnectionString;

    /// <summary>MLflow's tracking URI for a database, with the password in it.</summary>
    public string Uri(string database) => $"mysql://{User}:{Password}@127.0.0.1:{Port}/{database}";

    public void CreateDatabase(string name) => AsRoot($"CREATE DATABASE `{name}`");

    /// <summary>Runs statements as root through the server's socket.</summary>
    public void AsRoot(string sql)
    {
        using var connection = new MySqlConnection(new MySqlConnectionStringBuilder { Server = Socket, ConnectionProtocol = MySqlConnectionProtocol.UnixSocket, UserID = "root", Pooling = false }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private void WaitUntilReady()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                AsRoot("SELECT 1");
                return;
            }
            catch (MySqlException) when (clock.Elapsed < TimeSpan.FromSeconds(60) && !_server.HasExited)
            {
                Thread.Sleep(100);
            }
            catch (MySqlException e)
            {
                var log = Path.Combine(_root, "log");
                throw new InvalidOperationException($"the MariaDB server did not start: {e.Message}\n{(File.Exists(log) ? File.ReadAllText(log) : "")}");
            }
        }
    }

    private static string? Find(IReadOnlyList<string> names, params string[] extra) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(extra)
            .SelectMany(d => names.Select(n => Path.Combine(d, n)))
            .FirstOrDefault(File.Exists);

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private void Run(string program, IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo(program, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _root,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {error}{output.Result}");
        }
    }

    public void Dispose()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            _server.WaitForExit();
        }

        _server.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test for.
        }
    }
}
