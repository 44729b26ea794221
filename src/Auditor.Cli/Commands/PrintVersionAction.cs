using System.CommandLine;
using System.CommandLine.Invocation;

namespace Auditor.Cli.Commands;

/// <summary><c>mlaudit --version</c>: the version from the git tag (<see cref="ToolVersion"/>), without build metadata.</summary>
internal sealed class PrintVersionAction(TextWriter output) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        output.WriteLine(ToolVersion.Info.Version);
        return ExitCodes.Success;
    }
}
