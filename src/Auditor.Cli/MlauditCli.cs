using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using Auditor.Cli.Commands;
using Auditor.Core;
using Auditor.Core.Facts;
using Auditor.Reporting;
using Auditor.Rules;
using Spectre.Console;

namespace Auditor.Cli;

/// <summary>
/// The command tree and the exit-code contract: expected problems exit 2, bugs exit 3. Standard output and standard
/// error are wrapped once here (<see cref="TerminalWriter"/>): every line is redacted with every credential of the
/// environment and the arguments, and its control and bidi characters shown, whoever writes it.
/// </summary>
public static class MlauditCli
{
    public static int Run(string[] args, CliEnvironment environment)
    {
        var redactor = new SecretRedactor(KnownCredentials.From(environment.Variables, args));
        using var output = new TerminalWriter(environment.Out, redactor);
        using var error = new TerminalWriter(environment.Error, redactor);
        var raw = environment.Out;
        return Invoke(args, environment with
        {
            Redactor = redactor,
            Out = output,
            Error = error,
            StyledOut = environment.StyledOut ?? raw,
            Console = environment.Console ?? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(raw) }),
        });
    }

    private static int Invoke(string[] args, CliEnvironment environment)
    {
        var root = new RootCommand("mlaudit audits machine-learning projects (git + MLflow) against the MLOps maturity model.")
        {
            new AuditCommand().Build(environment),
            new RulesCommand().Build(environment),
            new AssessCommand().Build(environment),
            new TraceCommand().Build(environment),
            new InitCommand().Build(environment),
            new PortfolioCommand().Build(environment),
        };

        var version = root.Options.OfType<VersionOption>().Single();
        version.Action = new PrintVersionAction(environment.Out);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            var command = parse.CommandResult.Command;
            foreach (var error in parse.Errors.Where(e => !parse.UnmatchedTokens.Any(t => e.Message.Contains($"'{t}'", StringComparison.Ordinal))))
            {
                environment.Error.WriteLine($"mlaudit: {error.Message}");
            }

            foreach (var token in parse.UnmatchedTokens)
            {
                environment.Error.WriteLine($"mlaudit: {CliParsing.Unknown(token, command)}");
            }

            environment.Error.WriteLine($"Run '{string.Join(' ', CommandPath(parse.CommandResult))} --help' for usage.");
            return ExitCodes.InputError;
        }

        try
        {
            var code = parse.Invoke(new InvocationConfiguration { Output = environment.Out, Error = environment.Error, EnableDefaultExceptionHandler = false });
            if (parse.Action is HelpAction)
            {
                HelpExtras.Write(parse.CommandResult.Command, environment.Out);
            }

            return code;
        }
        catch (Exception e) when (e is AuditInputException or RuleFileException)
        {
            environment.Error.WriteLine($"mlaudit: error: {e.Message}");
            return ExitCodes.InputError;
        }
        catch (Exception e)
        {
            environment.Error.WriteLine($"mlaudit: internal error: {e.GetType().Name}: {e.Message}");
            var verbose = parse.CommandResult.Command.Options.Any(o => o.Name == VerbosityOptions.VerboseName) && parse.GetValue<bool>(VerbosityOptions.VerboseName);
            environment.Error.WriteLine(verbose ? e.ToString() : "Run again with --verbose for the stack trace, and please report it.");
            return ExitCodes.InternalError;
        }
    }

    private static IEnumerable<string> CommandPath(SymbolResult? result) => result is null ? []
        : result is CommandResult command ? CommandPath(result.Parent).Append(command.Command.Name) : CommandPath(result.Parent);
}
