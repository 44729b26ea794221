using System.Text.Json;
using Auditor.Core;

namespace Auditor.Cli.Gate;

/// <summary>A saved <c>report.json</c> the gate compares against: each rule id with the outcome it had then.</summary>
public sealed record Baseline(IReadOnlyDictionary<string, string> Outcomes)
{
    public static Baseline Load(string fullPath, string shownPath)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(fullPath));
            if (!document.RootElement.TryGetProperty("findings", out var findings) || findings.ValueKind != JsonValueKind.Array)
            {
                throw new AuditInputException($"--baseline {shownPath}: not an mlaudit report.json (no findings)");
            }

            var outcomes = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var finding in findings.EnumerateArray())
            {
                if (finding.TryGetProperty("ruleId", out var id) && id.GetString() is { } ruleId &&
                    finding.TryGetProperty("outcome", out var outcome) && outcome.GetString() is { } value)
                {
                    outcomes[ruleId] = value;
                }
            }

            return new Baseline(outcomes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException)
        {
            throw new AuditInputException($"--baseline {shownPath}: cannot be read ({e.Message})");
        }
    }
}
