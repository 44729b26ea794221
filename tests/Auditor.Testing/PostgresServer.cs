using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Auditor.Testing;

/// <summary>
/// A throwaway PostgreSQL server on 127.0.0.1 and a free port: <c>initdb</c> into a temporary folder, <c>pg_ctl start</c>,
/// stopped and deleted on dispose. As root, initdb and pg_ctl run as the <c>postgres</c> user (initdb refuses root).
/// Local socket connections are trusted; TCP connections need the password <see cref="Password"/>.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    public const string User = "postgres";
    public const string Password = "pg-Secret-4711";

    private readonly string _bin;
    private readonly string _root;
    private readonly bool _asPostgres;

    private PostgresServer(string bin)
    {
        _bin = bin;
        _asPostgres = Environment.UserName == "root";
        _root = Path.Combine(Path.GetTempPath(), "mlaudit-pg-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(_root);
        if (_asPostgres)
        {
            Run("chown", ["postgres", _root], asPostgres: false);
        }

        var passwordFile = Path.Combine(_root, "pw");
        File.WriteAllText(passwordFile, Password + "\n");
        if (_asPostgres)
        {
            Run("chown", ["postgres", passwordFile], asPostgres: false);
        }

        Port = FreePort();
        var data = Path.Combine(_root, "data");
        Run(Path.Combine(bin, "initdb"), ["-D", data, "-U", User, "--no-locale", "-E", "UTF8", "--auth-local=trust", "--auth-host=scram-sha-256", "--pwfile=" + passwordFile]);
        Run(Path.Combine(bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(_root, "log"), "-w", "-t", "60", "-o",
            $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start"]);
    }

    public int Port { get; }

    /// <summary>Starts a server, or returns null (with the reason) when no PostgreSQL binaries are installed.</summary>
    public static PostgresServer? TryStart(out string reason)
    {
        var bin = FindBinaries();
        if (bin is null)
        {
            reason = "no PostgreSQL binaries (initdb, pg_ctl) on PATH or in /usr/lib/postgresql/*/bin; run .ci/install";
            return null;
        }

        reason = "";
        return new PostgresServer(bin);
    }

    /// <summary>
    /// Starts a server for a test. Without PostgreSQL binaries: throws in CI (<c>CI=true</c>), else prints why and
    /// returns null so the test can return early.
    /// </summary>
    public static PostgresServer? StartForTests()
    {
        var server = TryStart(out var reason);
        if (server is not null)
        {
            return server;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("PostgreSQL tests cannot run in CI: " + reason);
        }

        Console.WriteLine("SKIPPED (PostgreSQL): " + reason);
        return null;
    }

    /// <summary>A connection string for a database, over TCP with the password.</summary>
    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = User, Password = Password, Database = database, Pooling = false, Timeout = 30, CommandTimeout = 600 }.ConnectionString;

    /// <summary>MLflow's tracking URI for a database, with the password in it.</summary>
    public string Uri(string database) => $"postgresql://{User}:{Password}@127.0.0.1:{Port}/{database}";

    public void CreateDatabase(string name)
    {
        using var connection = new NpgsqlConnection(ConnectionString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE \"{name}\"";
        command.ExecuteNonQuery();
    }

    private static string? FindBinaries()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/local/bin", "/usr/bin"])
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
        return onPath ?? (Directory.Exists("/usr/lib/postgresql")
            ? Directory.EnumerateDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).OrderDescending().FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            : null);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private void Run(string program, IReadOnlyList<string> args, bool? asPostgres = null)
    {
        var start = (asPostgres ?? _asPostgres)
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", program, .. args])
            : new ProcessStartInfo(program, args);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = _root;
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
        try
        {
            Run(Path.Combine(_bin, "pg_ctl"), ["-D", Path.Combine(_root, "data"), "-m", "immediate", "-w", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

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
