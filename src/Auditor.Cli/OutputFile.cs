using Auditor.Core;
using Auditor.Reporting;

namespace Auditor.Cli;

/// <summary>
/// <c>-o/--output PATH</c>: one requested format written to one file, or to standard output with <c>-</c>. Before
/// version 0.2 <c>-o</c> named the reports' folder; a folder, or several file formats, get the migration in one line.
/// </summary>
internal static class OutputFile
{
    public const string StandardOutput = "-";

    /// <summary>The full path (or <see cref="StandardOutput"/>), or null without <c>-o</c>.</summary>
    public static string? Resolve(string? output, IReadOnlyList<ReportFormat> formats, string currentDirectory)
    {
        if (output is null)
        {
            return null;
        }

        var files = formats.Where(f => f != ReportFormat.Console).ToList();
        if (files.Count > 1)
        {
            throw new AuditInputException($"-o/--output {output}: writes one format to one file, but {files.Count} were asked ({string.Join(", ", files.Select(Labels.Of))}); "
                                          + $"-o no longer names a folder: use --output-dir {output} to write each report into that folder");
        }

        if (output == StandardOutput)
        {
            return output;
        }

        var path = Path.GetFullPath(output, currentDirectory);
        return Directory.Exists(path)
            ? throw new AuditInputException($"-o/--output {output}: is a folder; -o now names a file (use --output-dir {output} to write the reports into it)")
            : path;
    }

    /// <summary>The one format <c>-o</c> receives: the file format asked, else the console summary.</summary>
    public static ReportFormat FormatOf(IReadOnlyList<ReportFormat> formats) =>
        formats.FirstOrDefault(f => f != ReportFormat.Console, ReportFormat.Console);
}
