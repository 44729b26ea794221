namespace Auditor.Rules;

/// <summary>A rule or policy file that cannot be used: names the file, the line and the rule id when known.</summary>
public sealed class RuleFileException(string file, int? line, string? ruleId, string problem)
    : Exception(Format(file, line, ruleId, problem))
{
    public string File { get; } = file;

    public int? Line { get; } = line;

    public string? RuleId { get; } = ruleId;

    private static string Format(string file, int? line, string? ruleId, string problem) =>
        $"{file}{(line is null ? "" : $":{line}")}: {(ruleId is null ? "" : $"rule {ruleId}: ")}{problem}";
}
