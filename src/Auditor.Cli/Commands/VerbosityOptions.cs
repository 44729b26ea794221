using System.CommandLine;

namespace Auditor.Cli.Commands;

/// <summary><c>--quiet</c> and <c>--verbose</c> for the commands that audit (audit, trace).</summary>
internal sealed class VerbosityOptions
{
    public const string VerboseName = "--verbose";

    public Option<bool> Quiet { get; } = new("--quiet", "-q")
    {
        Description = "Print nothing but errors: no console summary, progress, notices or gate lines (reports are still written; the exit code tells the gate).",
    };

    public Option<bool> Verbose { get; } = new(VerboseName)
    {
        Description = "Print every phase with its timing on standard error, and the stack trace of an internal error.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Quiet);
        command.Options.Add(Verbose);
    }

    /// <summary>
    /// The environment the command runs in: quiet sends standard output and standard error to nowhere (errors are
    /// exceptions, printed by <see cref="MlauditCli"/> on the real standard error); verbose shows every phase.
    /// </summary>
    public CliEnvironment Apply(ParseResult parse, CliEnvironment environment)
    {
        if (parse.GetValue(Quiet) && parse.GetValue(Verbose))
        {
            throw new Core.AuditInputException("--quiet and --verbose cannot be used together");
        }

        return parse.GetValue(Quiet)
            ? environment with { Out = TextWriter.Null, Error = TextWriter.Null, ShowProgress = false }
            : environment with { Verbose = parse.GetValue(Verbose) };
    }
}
