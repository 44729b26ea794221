using System.CommandLine;
using System.Diagnostics;
using Auditor.Core;
using Auditor.Reporting;
using Auditor.Reporting.Portfolio;

namespace Auditor.Cli.Commands;

/// <summary>
/// <c>mlaudit portfolio REPORT...</c>: merges many projects' <c>report.json</c> files (files, folders, globs) into one
/// view. A report that cannot be used is a problem line and is left out; no report at all is exit 2.
/// </summary>
internal sealed class PortfolioCommand
{
    public const string JsonFile = "portfolio.json";
    public const string HtmlFile = "portfolio.html";
    public const string MarkdownFile = "portfolio.md";

    private static readonly ReportFormat[] Supported = [ReportFormat.Console, ReportFormat.Json, ReportFormat.Html, ReportFormat.Markdown];

    private readonly Argument<string[]> _reports = new("reports")
    {
        Description = "report.json files, folders holding them (searched below, as a CI artifact download leaves them), or globs such as 'reports/*/report.json'.",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<string[]> _format = new("--format", "-f")
    {
        Description = "Output formats, comma-separated: console (default), json, html, markdown.",
        DefaultValueFactory = _ => ["console"],
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<string?> _outputDir = new("--output-dir")
    {
        Description = "Folder for portfolio.json, portfolio.html and portfolio.md. Default: the current folder.",
    };

    private readonly Option<string?> _output = new("--output", "-o")
    {
        Description = "Write the one requested file format to this file; '-' writes it to standard output (the console summary then goes to standard error).",
    };

    private readonly Option<int> _staleDays = new("--stale-days")
    {
        Description = "Mark reports audited more than this many days ago as stale.",
        DefaultValueFactory = _ => 30,
    };

    private readonly Option<string?> _previous = new("--previous")
    {
        Description = "An earlier portfolio.json: the portfolio shows which projects rose or fell a level since.",
    };

    private readonly VerbosityOptions _verbosity = new();

    public Command Build(CliEnvironment environment)
    {
        var command = new Command("portfolio", "Merge many projects' report.json files into one view: level distribution, a row per project, the rules that block most projects, categories across projects.")
        {
            _reports, _format, _output, _outputDir, _staleDays, _previous,
        };
        _verbosity.AddTo(command);
        command.SetAction(parse => Run(parse, environment));
        return command;
    }

    private int Run(ParseResult parse, CliEnvironment environment)
    {
        var standardOutput = environment.Out;
        environment = _verbosity.Apply(parse, environment);
        var clock = Stopwatch.StartNew();
        var formats = FormatOption.Parse(parse.GetValue(_format) ?? [], Supported, "portfolio");
        var outputFile = OutputFile.Resolve(parse.GetValue(_output), formats, environment.CurrentDirectory);
        if (outputFile == OutputFile.StandardOutput)
        {
            environment = environment with { Out = environment.Error };
        }

        var staleDays = parse.GetValue(_staleDays);
        if (staleDays < 0)
        {
            throw new AuditInputException($"--stale-days: {staleDays} is not a number of days (0 or more)");
        }

        var previous = parse.GetValue(_previous) is { } previousPath
            ? PortfolioJsonWriter.ReadPrevious(Path.GetFullPath(previousPath, environment.CurrentDirectory), previousPath)
            : null;
        var read = PortfolioReader.Read(parse.GetValue(_reports) ?? [], environment.CurrentDirectory);
        environment.Progress($"read {read.Entries.Count} of {read.FilesFound} reports in {clock.Elapsed.TotalSeconds:0.00} s");
        var portfolio = PortfolioBuilder.Build(read, new PortfolioTool(ToolVersion.Info.Name, ToolVersion.Info.Version), environment.Clock(), staleDays, previous);
        foreach (var problem in portfolio.Problems)
        {
            environment.Error.WriteLine($"mlaudit: {problem}");
        }

        if (portfolio.Projects.Count == 0)
        {
            throw new AuditInputException($"no report could be read ({Plural(read.FilesFound, "file")} found); nothing to merge");
        }

        var outputDirectory = Path.GetFullPath(parse.GetValue(_outputDir) ?? ".", environment.CurrentDirectory);
        WriteAll(portfolio, formats, outputDirectory, outputFile, standardOutput, environment);
        environment.Progress($"portfolio of {portfolio.Projects.Count} projects written at {clock.Elapsed.TotalSeconds:0.00} s");
        return ExitCodes.Success;
    }

    /// <summary>
    /// Writes the portfolio in every requested format it has (console, json, html, markdown; others are not portfolio
    /// formats): the console view to <see cref="CliEnvironment.Out"/>, files into the folder, <c>-o</c>'s one to its file or standard output.
    /// </summary>
    internal static void WriteAll(PortfolioReport portfolio, IReadOnlyList<ReportFormat> formats, string outputDirectory, string? outputFile, TextWriter standardOutput, CliEnvironment environment)
    {
        ReportFormat? single = outputFile is null ? null : OutputFile.FormatOf(formats);
        foreach (var format in formats.Where(Supported.Contains))
        {
            if (format == single)
            {
                ReportWriter.WriteSingle(outputFile!, Render(format, portfolio), standardOutput, environment, "the portfolio");
            }
            else if (format == ReportFormat.Console)
            {
                PortfolioConsoleWriter.Write(portfolio, environment.Out);
            }
            else
            {
                ReportWriter.WriteFile(Path.Combine(outputDirectory, FileName(format)), "--output-dir", Render(format, portfolio), environment, "the portfolio");
            }
        }
    }

    private static string Render(ReportFormat format, PortfolioReport portfolio) => format switch
    {
        ReportFormat.Json => PortfolioJsonWriter.Serialize(portfolio),
        ReportFormat.Html => PortfolioHtmlWriter.Render(portfolio),
        ReportFormat.Markdown => PortfolioMarkdownWriter.Render(portfolio, ToolVersion.RulesDocument),
        _ => Console(portfolio),
    };

    private static string Console(PortfolioReport portfolio)
    {
        var text = new StringWriter();
        PortfolioConsoleWriter.Write(portfolio, text);
        return text.ToString();
    }

    private static string FileName(ReportFormat format) => format switch
    {
        ReportFormat.Json => JsonFile,
        ReportFormat.Html => HtmlFile,
        _ => MarkdownFile,
    };

    private static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";
}
