using System.CommandLine;
using Auditor.Cli.Commands;
using Auditor.Core;
using Auditor.Rules;

namespace Auditor.Cli;

/// <summary>The command tree and the exit-code contract: expected problems exit 2, bugs exit 3.</summary>
public static class MlauditCli
{
    public static int Run(string[] args, CliEnvironment environment)
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
