namespace Auditor.Cli;

/// <summary>The exit codes mlaudit promises; CI jobs script against them (see README).</summary>
public static class ExitCodes
{
    /// <summary>The audit ran and the gate passed, or no gate was set.</summary>
    public const int Success = 0;

    /// <summary>The audit ran and the gate failed.</summary>
    public const int GateFailed = 1;

    /// <summary>Usage or input error: a bad option, a path that does not exist, an unreadable rule file.</summary>
    public const int InputError = 2;

    /// <summary>A bug in mlaudit.</summary>
    public const int InternalError = 3;
}
