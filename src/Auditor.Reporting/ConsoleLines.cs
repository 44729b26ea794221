using Spectre.Console;

namespace Auditor.Reporting;

/// <summary>Writes lines of Spectre markup; every caller escapes its values (<see cref="ConsoleReportWriter.Esc"/>).</summary>
internal sealed class ConsoleLines(IAnsiConsole console)
{
    public void Line(string markup = "") => console.MarkupLine(markup);
}
