using System.Globalization;
using System.Text.Json;

namespace Auditor.Reporting.Portfolio;

/// <summary>Condenses a validated report into its portfolio row (the schema guarantees the shapes read here).</summary>
internal static class PortfolioEntryReader
{
    public static PortfolioEntry Read(string file, JsonElement report)
    {
        var subject = report.GetProperty("subject");
        var path = subject.GetProperty("path").GetString() ?? "";
        var repository = subject.TryGetProperty("repository", out var repo) && repo.ValueKind == JsonValueKind.Object ? repo : (JsonElement?)null;
        var root = repository?.GetProperty("root").GetString();
        var pathInRepository = root is null ? null : Relative(root, path);
        var repositoryName = root is null ? null : LastSegment(root);
        var project = repositoryName is null ? LastSegment(path) : pathInRepository is "." ? repositoryName : $"{repositoryName}/{pathInRepository}";

        var maturity = report.GetProperty("maturity");
        var level = maturity.GetProperty("level").GetInt32();
        var levels = maturity.GetProperty("levels").EnumerateArray().ToList();
        var levelName = levels.Where(l => l.GetProperty("level").GetInt32() == level).Select(l => l.GetProperty("name").GetString()).FirstOrDefault() ?? $"Level {level}";
        var next = levels.Where(l => l.GetProperty("level").GetInt32() > level).OrderBy(l => l.GetProperty("level").GetInt32()).FirstOrDefault();
        var hasNext = next.ValueKind == JsonValueKind.Object;

        var rules = new Dictionary<string, RuleHeading>(StringComparer.Ordinal);
        var failingRequired = new List<string>();
        int failing = 0, passed = 0, unknown = 0;
        foreach (var finding in report.GetProperty("findings").EnumerateArray())
        {
            var id = finding.GetProperty("ruleId").GetString()!;
            var required = finding.GetProperty("required").GetBoolean();
            rules[id] = new RuleHeading(
                finding.GetProperty("title").GetString() ?? id,
                finding.GetProperty("level").GetInt32(),
                finding.GetProperty("category").GetString() ?? "",
                finding.GetProperty("severity").GetString() ?? "",
                required);
            var waived = finding.TryGetProperty("isWaived", out var w) && w.ValueKind == JsonValueKind.True;
            switch (finding.GetProperty("outcome").GetString())
            {
                case "fail" or "error" when !waived:
                    failing++;
                    if (required)
                    {
                        failingRequired.Add(id);
                    }

                    break;
                case "pass":
                    passed++;
                    break;
                case "unknown":
                    unknown++;
                    break;
            }
        }

        var serving = report.GetProperty("trace").EnumerateArray()
            .Where(t => t.TryGetProperty("serving", out var s) && s.ValueKind == JsonValueKind.True)
            .Select(t => new ServingVersion(t.GetProperty("model").GetString() ?? "", t.GetProperty("version").GetInt32(), t.GetProperty("verdict").GetString() ?? ""))
            .OrderBy(s => VerdictRank(s.Verdict)).ThenBy(s => s.Model, StringComparer.Ordinal).ThenByDescending(s => s.Version)
            .ToList();

        var tracking = subject.GetProperty("tracking");
        return new PortfolioEntry
        {
            File = file,
            Project = project,
            Repository = repositoryName,
            PathInRepository = pathInRepository,
            Branch = repository?.GetProperty("branch").GetString(),
            Commit = repository?.GetProperty("head").GetString(),
            Dirty = repository?.GetProperty("dirty").GetBoolean() ?? false,
            GeneratedAt = DateTimeOffset.Parse(report.GetProperty("generatedAt").GetString()!, CultureInfo.InvariantCulture),
            ToolVersion = report.GetProperty("tool").GetProperty("version").GetString() ?? "",
            Level = level,
            LevelName = levelName,
            NextLevel = hasNext ? next.GetProperty("level").GetInt32() : null,
            Blockers = hasNext ? next.GetProperty("blocking").EnumerateArray().Select(b => b.GetString()!).ToList() : [],
            FailingRequired = failingRequired.Order(StringComparer.Ordinal).ToList(),
            Failing = failing,
            Passed = passed,
            Unknown = unknown,
            Serving = serving,
            StoreKind = tracking.GetProperty("state").GetString() is "none" ? null : tracking.GetProperty("kind").GetString(),
            StoreState = tracking.GetProperty("state").GetString(),
            Categories = report.GetProperty("categories").EnumerateArray().Select(c => new CategoryScore(
                c.GetProperty("category").GetString() ?? "",
                c.GetProperty("score").ValueKind == JsonValueKind.Number ? c.GetProperty("score").GetInt32() : null,
                c.GetProperty("passed").GetInt32(),
                c.GetProperty("failed").GetInt32(),
                c.GetProperty("unknown").GetInt32(),
                c.GetProperty("notApplicable").GetInt32())).ToList(),
            Rules = rules,
        };
    }

    /// <summary>Worst first: a broken serving version is what a portfolio must show.</summary>
    public static int VerdictRank(string verdict) => verdict switch
    {
        "broken" => 0,
        "partial" => 1,
        "reproducible" => 2,
        _ => 3,
    };

    /// <summary>The last folder name of a path written on any system (the report may come from a Windows runner).</summary>
    internal static string LastSegment(string path)
    {
        var trimmed = path.TrimEnd('/', '\\');
        var cut = trimmed.LastIndexOfAny(['/', '\\']);
        var name = cut < 0 ? trimmed : trimmed[(cut + 1)..];
        return name.Length == 0 ? path : name;
    }

    internal static string Relative(string root, string path)
    {
        var r = root.Replace('\\', '/').TrimEnd('/');
        var p = path.Replace('\\', '/').TrimEnd('/');
        if (p == r)
        {
            return ".";
        }

        return p.StartsWith(r + "/", StringComparison.Ordinal) ? p[(r.Length + 1)..] : LastSegment(path);
    }
}
