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

    public static CliRun Invoke(string currentDirectory, IReadOnlyDictionary<string, string>? variables, IAnsiConsole? console, params string[] args)
    {
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
