using Auditor.Core.Facts;
using Spectre.Console;

namespace Auditor.Cli;

/// <summary>The seams a command needs from the process, so commands can be tested in-process.</summary>
public sealed record CliEnvironment
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    public required string CurrentDirectory { get; init; }

    public required Func<string, string?> Variables { get; init; }

    public required Func<DateTimeOffset> Clock { get; init; }

    /// <summary>The console for interactive prompts (<c>mlaudit assess</c>); tests pass a scripted one.</summary>
    public IAnsiConsole? Console { get; init; }

    /// <summary>The HTTP handler for REST tracking servers; null builds the default one. Tests pass their own.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    /// <summary>The interactive console: the one given, or one over <see cref="Out"/>.</summary>
    public IAnsiConsole Prompts => Console ?? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Out) });

    /// <summary>
    /// Every credential this process knows, for the one redaction step all output passes through. Set once by
    /// <see cref="MlauditCli.Run"/> from the environment and the arguments.
    /// </summary>
    public SecretRedactor Redactor { get; init; } = SecretRedactor.None;

    /// <summary>The <see cref="Redactor"/>, knowing also the credentials in these URIs (a configuration file's tracking URI).</summary>
    public SecretRedactor RedactorFor(params string?[] uris) => Redactor.With(KnownCredentials.From(Variables, uris));

    /// <summary>Whether standard output is a terminal: the console report is coloured then (NO_COLOR and FORCE_COLOR aside).</summary>
    public bool OutputIsTerminal { get; init; }

    /// <summary>
    /// Standard output without the line cleaning of <see cref="Out"/>, for the coloured console report only: its
    /// writer cleans every project value itself, and the report it writes has been redacted.
    /// </summary>
    public TextWriter? StyledOut { get; init; }

    /// <summary>Whether to print progress on <see cref="Error"/>: only when it is a terminal, never in CI logs.</summary>
    public bool ShowProgress { get; init; }

    /// <summary><c>--verbose</c>: every phase with its timing on <see cref="Error"/>, and the stack trace of an internal error.</summary>
    public bool Verbose { get; init; }

    /// <summary>Prints a phase on <see cref="Error"/> when progress is shown (a terminal) or <see cref="Verbose"/>.</summary>
    public void Progress(string message)
    {
        if (ShowProgress || Verbose)
        {
            Error.WriteLine($"mlaudit: {message}");
        }
    }

    public static CliEnvironment FromProcess() => new()
    {
        Out = System.Console.Out,
        Error = System.Console.Error,
        CurrentDirectory = Directory.GetCurrentDirectory(),
        Variables = Environment.GetEnvironmentVariable,
        Clock = TestClock(Environment.GetEnvironmentVariable(TestClockVariable)) is { } fixedNow ? () => fixedNow : () => DateTimeOffset.UtcNow,
        ShowProgress = !System.Console.IsErrorRedirected,
        OutputIsTerminal = !System.Console.IsOutputRedirected,
    };

    /// <summary>
    /// For tests of the published binary only: an ISO 8601 instant that the process uses as "now" (report dates,
    /// waiver and attestation expiry), as the in-process tests fix the clock. Unset in normal use.
    /// </summary>
    public const string TestClockVariable = "MLAUDIT_TEST_CLOCK";

    internal static DateTimeOffset? TestClock(string? value) =>
        DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var now) ? now : null;
}
