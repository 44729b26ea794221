using System.CommandLine;
using Auditor.Core;
using Auditor.Rules;

namespace Auditor.Cli.Commands;

/// <summary><c>mlaudit init [PATH]</c>: writes a commented starter <c>.mlaudit.yml</c> into the project folder; never overwrites one.</summary>
internal sealed class InitCommand
{
    private const string DefaultRepositoryUrl = "https://github.com/mlaudit/mlaudit";

    private readonly Argument<string?> _path = new("path") { Description = "The project folder (default: the current folder).", DefaultValueFactory = _ => null };

    public Command Build(CliEnvironment environment)
    {
        var command = new Command("init", $"Write a commented starter {StarterConfig.FileName} (with the schema line editors complete from) into the project folder; an existing one is kept.")
        {
            _path,
        };
        command.SetAction(parse => Run(parse, environment));
        return command;
    }

    private int Run(ParseResult parse, CliEnvironment environment)
    {
        var given = parse.GetValue(_path);
        var folder = Path.GetFullPath(given ?? ".", environment.CurrentDirectory);
        if (!Directory.Exists(folder))
        {
            throw new AuditInputException($"{given ?? folder}: the project folder does not exist");
        }

        if (ProjectConfigLoader.DefaultNames.Select(n => Path.Combine(folder, n)).FirstOrDefault(File.Exists) is { } existing)
        {
            throw new AuditInputException($"{existing}: already exists; 'mlaudit init' does not overwrite it (edit it, or remove it first)");
        }

        var file = Path.Combine(folder, StarterConfig.FileName);
        try
        {
            using var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write);
            using var writer = new StreamWriter(stream);
            writer.Write(StarterConfig.Text(ToolVersion.RepositoryUrl ?? DefaultRepositoryUrl));
        }
        catch (IOException e) when (File.Exists(file))
        {
            throw new AuditInputException($"{file}: already exists; 'mlaudit init' does not overwrite it ({e.Message})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AuditInputException($"{file}: cannot be written: {e.Message}");
        }

        environment.Out.WriteLine($"Wrote {file}; uncomment what the project needs, then run 'mlaudit audit'.");
        return ExitCodes.Success;
    }
}
