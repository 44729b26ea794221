using System.CommandLine;
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
        };

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                environment.Error.WriteLine($"mlaudit: {error.Message}");
            }

            environment.Error.WriteLine("Run 'mlaudit --help' for usage.");
            return ExitCodes.InputError;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = environment.Out, Error = environment.Error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is AuditInputException or RuleFileException)
        {
            environment.Error.WriteLine($"mlaudit: error: {e.Message}");
            return ExitCodes.InputError;
        }
        catch (Exception e)
        {
            environment.Error.WriteLine($"mlaudit: internal error: {e.GetType().Name}: {e.Message}");
            environment.Error.WriteLine(e.StackTrace);
            return ExitCodes.InternalError;
        }
    }
}
