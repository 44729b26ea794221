using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Auditor.Testing;

/// <summary>
/// A server from the npm registry that <c>.ci/install</c> puts into <c>.tools/node_modules</c> (s3rver, azurite), run on
/// 127.0.0.1 and a free port until disposed. Absent: a test skips with the reason, except in CI (<c>CI=true</c>), which installs it.
/// </summary>
public sealed class NodeTool : IDisposable
{
    private readonly Process _process;

    private NodeTool(Process process, int port, string folder)
    {
        _process = process;
        Port = port;
        Folder = folder;
    }

    public int Port { get; }

    /// <summary>The server's data folder, deleted on dispose.</summary>
    public string Folder { get; }

    /// <summary>The tool's launcher, or null when it is not installed.</summary>
    public static string? Find(string name) =>
        Path.Combine(TestPaths.RepositoryRoot, ".tools", "node_modules", ".bin", name) is var path && File.Exists(path) ? path : null;

    /// <summary>Starts <paramref name="name"/> with the arguments <paramref name="arguments"/> makes of the port and data folder; null (test skipped) when not installed.</summary>
    public static NodeTool? StartForTests(string name, Func<int, string, IReadOnlyList<string>> arguments)
    {
        if (Find(name) is not { } launcher)
        {
            var reason = $"{name} is not installed in .tools/node_modules; run .ci/install";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"{name} tests cannot run in CI: {reason}");
            }

            Console.WriteLine($"SKIPPED ({name}): {reason}");
            return null;
        }

        var folder = Path.Combine(Path.GetTempPath(), $"mlaudit-{name}-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(folder);
        var port = FreePort();
        var start = new ProcessStartInfo(launcher) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments(port, folder))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var tool = new NodeTool(process, port, folder);
        tool.WaitUntilListening(name);
        return tool;
    }

    public void Dispose()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private void WaitUntilListening(string name)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited with code {_process.ExitCode} before listening on port {Port}");
            }

            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }

        Dispose();
        throw new InvalidOperationException($"{name} did not listen on port {Port} within 60 s");
    }
}
