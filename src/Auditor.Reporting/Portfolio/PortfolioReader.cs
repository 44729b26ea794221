using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Json.Schema;
using Microsoft.Extensions.FileSystemGlobbing;

namespace Auditor.Reporting.Portfolio;

/// <summary>
/// Finds and reads the <c>report.json</c> files a portfolio merges: files, folders (every <c>report.json</c> under
/// them, as a CI system's artifact download leaves them) and globs. Each report is validated against
/// <c>docs/report.schema.json</c> (the schema this build writes); one that cannot be read, is too large, or does not
/// match costs that report only: a one-line problem naming the file, and the merge goes on.
/// </summary>
public static class PortfolioReader
{
    /// <summary>A report larger than this is not read (the largest store's report is a few MiB).</summary>
    public const long MaxReportBytes = 64L * 1024 * 1024;

    public const string ReportFileName = "report.json";

    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("docs/report.schema.json")
            ?? throw new InvalidOperationException("docs/report.schema.json is missing from the build");
        using var reader = new StreamReader(stream);
        return JsonSchema.FromText(reader.ReadToEnd());
    });

    public sealed record Result(IReadOnlyList<PortfolioEntry> Entries, IReadOnlyList<string> Problems, int FilesFound);

    public static Result Read(IEnumerable<string> inputs, string currentDirectory)
    {
        var problems = new List<string>();
        var files = Expand(inputs, currentDirectory, problems);
        var entries = new PortfolioEntry?[files.Count];
        var readProblems = new ConcurrentDictionary<int, string>();
        Parallel.For(0, files.Count, i =>
        {
            try
            {
                entries[i] = ReadOne(files[i].Shown, files[i].FullPath);
            }
            catch (PortfolioInputException e)
            {
                readProblems[i] = e.Message;
            }
        });
        problems.AddRange(readProblems.OrderBy(p => p.Key).Select(p => p.Value));
        return new Result(entries.OfType<PortfolioEntry>().ToList(), problems, files.Count);
    }

    /// <summary>The report files the inputs name, each once, in the order given (a folder's and a glob's files sorted).</summary>
    internal static List<(string Shown, string FullPath)> Expand(IEnumerable<string> inputs, string currentDirectory, List<string> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var files = new List<(string, string)>();
        foreach (var input in inputs)
        {
            var full = Path.GetFullPath(input, currentDirectory);
            IEnumerable<string> found;
            if (File.Exists(full))
            {
                found = [full];
            }
            else if (Directory.Exists(full))
            {
                found = Directory.EnumerateFiles(full, ReportFileName, new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint })
                    .Order(StringComparer.Ordinal).ToList();
                if (!found.Any())
                {
                    problems.Add($"{input}: no {ReportFileName} in this folder or below it");
                }
            }
            else if (input.IndexOfAny(['*', '?', '[']) >= 0)
            {
                found = Glob(input, currentDirectory);
                if (!found.Any())
                {
                    problems.Add($"{input}: no file matches this pattern");
                }
            }
            else
            {
                problems.Add($"{input}: no such file or folder");
                continue;
            }

            foreach (var file in found)
            {
                if (seen.Add(file))
                {
                    files.Add((Shown(file, currentDirectory), file));
                }
            }
        }

        return files;
    }

    private static List<string> Glob(string pattern, string currentDirectory)
    {
        // The fixed folders before the first segment with a wildcard are the root the matcher walks.
        var parts = pattern.Replace('\\', '/').Split('/');
        var fixedCount = Array.FindIndex(parts, p => p.IndexOfAny(['*', '?', '[']) >= 0);
        var root = Path.GetFullPath(fixedCount == 0 ? "." : string.Join('/', parts[..fixedCount]) + "/", currentDirectory);
        if (pattern.StartsWith('/') && fixedCount == 1)
        {
            root = "/";
        }

        if (!Directory.Exists(root))
        {
            return [];
        }

        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddInclude(string.Join('/', parts[fixedCount..]));
        return matcher.GetResultsInFullPath(root).Select(Path.GetFullPath).Order(StringComparer.Ordinal).ToList();
    }

    private static string Shown(string fullPath, string currentDirectory)
    {
        var relative = Path.GetRelativePath(currentDirectory, fullPath);
        return relative.StartsWith("..", StringComparison.Ordinal) ? fullPath : relative;
    }

    /// <summary>Reads, validates and condenses one report; throws <see cref="PortfolioInputException"/> with a one-line reason.</summary>
    public static PortfolioEntry ReadOne(string shown, string path)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (info.Length > MaxReportBytes)
            {
                throw new PortfolioInputException($"{shown}: {info.Length / (1024 * 1024)} MiB, more than the {MaxReportBytes / (1024 * 1024)} MiB a report may have; skipped");
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PortfolioInputException($"{shown}: cannot be read: {e.Message}");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new PortfolioInputException($"{shown}: not JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}); skipped");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("schemaVersion", out var version) || version.ValueKind != JsonValueKind.String)
            {
                throw new PortfolioInputException($"{shown}: not an mlaudit report (no schemaVersion); skipped");
            }

            if (version.GetString() != "2")
            {
                throw new PortfolioInputException($"{shown}: a schemaVersion {Quoted(version.GetString())} report; this mlaudit merges version 2 (audit the project again with it); skipped");
            }

            var result = Schema.Value.Evaluate(root, new EvaluationOptions { OutputFormat = OutputFormat.Flag });
            if (!result.IsValid)
            {
                throw new PortfolioInputException($"{shown}: does not match docs/report.schema.json: {FirstError(root)}; skipped");
            }

            return PortfolioEntryReader.Read(shown, root);
        }
    }

    private static string FirstError(JsonElement root)
    {
        var result = Schema.Value.Evaluate(root, new EvaluationOptions { OutputFormat = OutputFormat.List });
        // Errors inside a branch of a oneOf are noise when another branch matched (a field that may be null or an
        // object): prefer the errors reached through the fewest branches, then the deepest one.
        var error = (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Where(e => e.Key is not ("oneOf" or "anyOf" or "$ref")).Select(e => (
                Branches: d.EvaluationPath.ToString().Split('/').Count(s => s is "oneOf" or "anyOf"),
                Pointer: d.InstanceLocation.ToString(),
                e.Value)))
            .OrderBy(e => e.Branches).ThenByDescending(e => e.Pointer.Length)
            .FirstOrDefault();
        return error.Value is null ? "the document has the wrong shape" : $"at '{(error.Pointer.Length == 0 ? "/" : error.Pointer)}': {error.Value}";
    }

    private static string Quoted(string? text) => $"'{(text is { Length: > 20 } ? text[..20] + "…" : text)}'";
}

/// <summary>A report the portfolio cannot use; the message is the one line shown.</summary>
public sealed class PortfolioInputException(string message) : Exception(message);
