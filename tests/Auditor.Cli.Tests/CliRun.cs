using System.Text.Json;
using Auditor.Testing;
using Spectre.Console;

namespace Auditor.Cli.Tests;

/// <summary>Runs mlaudit in-process with captured output and a fixed environment.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    public static CliRun Invoke(string currentDirectory, IReadOnlyDictionary<string, string>? variables, params string[] args) =>
        Invoke(currentDirectory, variables, null, args);

    /// <summary>
    /// The published binary (<c>MLAUDIT_CLI_BINARY=/path/to/mlaudit</c>, as <c>.ci/run</c> sets it for the Native AOT
    /// build): every run without an interactive console is then a child process of that binary, with only the given
    /// variables and the fixed clock (<see cref="CliEnvironment.TestClockVariable"/>) in its environment.
    /// </summary>
    public static readonly string? Binary = Environment.GetEnvironmentVariable("MLAUDIT_CLI_BINARY") is { Length: > 0 } binary ? binary : null;

    public static CliRun Invoke(string currentDirectory, IReadOnlyDictionary<string, string>? variables, IAnsiConsole? console, params string[] args)
    {
        // An interactive console (mlaudit assess answering prompts) only exists in-process.
        if (Binary is not null && console is null)
        {
            return InvokeBinary(Binary, currentDirectory, variables, args);
        }

        var output = new StringWriter();
        var error = new StringWriter();
        var environment = new CliEnvironment
        {
            Out = output,
            Error = error,
            CurrentDirectory = currentDirectory,
            Variables = name => variables?.GetValueOrDefault(name),
            Clock = () => Now,
            Console = console,
        };
        var code = MlauditCli.Run(args, environment);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    private static CliRun InvokeBinary(string binary, string currentDirectory, IReadOnlyDictionary<string, string>? variables, string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo(binary)
        {
            WorkingDirectory = currentDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Clear();
        foreach (var (name, value) in variables ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        start.Environment[CliEnvironment.TestClockVariable] = Now.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException($"{binary} did not start");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{binary} {string.Join(' ', args)} ran over 5 minutes");
        }

        return new CliRun(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Audits a folder and returns the parsed report.json.</summary>
    public static (CliRun Run, JsonElement Report) AuditToJson(string project, params string[] extra) => AuditToJson(project, (IReadOnlyDictionary<string, string>?)null, extra);

    /// <summary>Audits a folder with these environment variables and returns the parsed report.json.</summary>
    public static (CliRun Run, JsonElement Report) AuditToJson(string project, IReadOnlyDictionary<string, string>? variables, params string[] extra)
    {
        using var output = new TempFolder();
        var run = Invoke(project, variables, ["audit", project, "--format", "json", "--output-dir", output.Path, .. extra]);
        Assert.True(run.ExitCode == 0, run.Error);
        var report = JsonDocument.Parse(File.ReadAllText(output.Combine("report.json"))).RootElement.Clone();
        return (run, report);
    }
}
