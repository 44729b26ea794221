namespace Auditor.Reporting;

/// <summary>How the console summary is written: coloured or plain, and whether passes and expressions are listed.</summary>
public sealed record ConsoleReportOptions
{
    /// <summary>ANSI colours and bold; plain text when false.</summary>
    public bool Color { get; init; }

    /// <summary>Lists passing and not-applicable findings, the category table and each finding's fact expression.</summary>
    public bool Verbose { get; init; }

    /// <summary>
    /// Colour on a terminal, plain otherwise; <c>NO_COLOR</c> (any non-empty value) turns it off and <c>FORCE_COLOR</c>
    /// (any value but empty, 0 or false) turns it on, NO_COLOR winning (see no-color.org and force-color.org).
    /// </summary>
    public static bool ColorWanted(Func<string, string?> variables, bool isTerminal)
    {
        if (!string.IsNullOrEmpty(variables("NO_COLOR")))
        {
            return false;
        }

        return variables("FORCE_COLOR") is { Length: > 0 } force ? force is not ("0" or "false") : isTerminal;
    }
}
