using System.Globalization;
using System.Text.RegularExpressions;

namespace Auditor.Core.Rules;

/// <summary>
/// Fills a rule's message template. Placeholders: <c>{fact}</c> (its value), <c>{fact:percent}</c> (a share as a
/// percentage), <c>{share:of:count}</c> ("9 of 13": the share of the count), <c>{share:missingOf:count}</c>
/// ("4 of 13": the rest of the count), <c>{reason}</c> (why an outcome is unknown) and <c>{expected}</c> or
/// <c>{expected:percent}</c> (what a single-comparison check expects, "at least 90%", as the policy in force sets it).
/// </summary>
public static partial class MessageTemplate
{
    public const string Reason = "reason";

    public const string Expected = "expected";

    public static readonly IReadOnlyList<string> Formats = ["percent", "of", "missingOf"];

    [GeneratedRegex(@"\{(?<fact>[A-Za-z][A-Za-z0-9.]*)(?::(?<format>[A-Za-z]+)(?::(?<of>[A-Za-z][A-Za-z0-9.]*))?)?\}")]
    private static partial Regex Placeholder();

    /// <summary>Every placeholder: the facts it names and its format (null when plain).</summary>
    public static IEnumerable<(IReadOnlyList<string> Facts, string? Format)> Placeholders(string template) =>
        Placeholder().Matches(template).Select(m => (
            (IReadOnlyList<string>)(m.Groups["of"].Success ? [m.Groups["fact"].Value, m.Groups["of"].Value] : [m.Groups["fact"].Value]),
            m.Groups["format"].Success ? m.Groups["format"].Value : null));

    /// <summary>The template filled in; null when a fact it names has no exact value (the caller keeps the expression).</summary>
    public static string? Render(string template, FactSheet facts, string reason, Condition check)
    {
        var complete = true;
        var text = Placeholder().Replace(template, m =>
        {
            var value = m.Groups["fact"].Value == Expected ? Expectation(check, m.Groups["format"].Value) : Fill(m, facts, reason);
            complete &= value is not null;
            return value ?? "";
        });
        return complete ? text : null;
    }

    private static string? Fill(Match m, FactSheet facts, string reason)
    {
        var name = m.Groups["fact"].Value;
        if (name == Reason)
        {
            return reason;
        }

        var value = Exact(facts, name);
        var format = m.Groups["format"].Success ? m.Groups["format"].Value : null;
        if (value is null || (format is not null && value.Number is null))
        {
            return format is null ? value?.ToString() : null;
        }

        return format switch
        {
            null => value.ToString(),
            "percent" => Percent(value.Number!.Value),
            "of" or "missingOf" when Exact(facts, m.Groups["of"].Value)?.Number is { } total =>
                Count(format == "of" ? value.Number!.Value : 1 - value.Number!.Value, total),
            _ => null,
        };
    }

    private static string? Expectation(Condition check, string format) => check switch
    {
        CompareCondition { Expected.Number: { } n } c when format == "percent" => c.Phrase(Percent(n)),
        CompareCondition c when format.Length == 0 => c.Phrase(c.Expected.ToString()),
        _ => null,
    };

    private static FactValue? Exact(FactSheet facts, string name) => facts.Get(name) is { Upper: null, Value: { } v } ? v : null;

    private static string Count(double share, double total) =>
        string.Create(CultureInfo.InvariantCulture, $"{Math.Round(share * total)} of {total:0}");

    /// <summary>A share as a whole percentage that never rounds a shortfall up to 100% nor a trace down to 0%.</summary>
    private static string Percent(double share)
    {
        var percent = Math.Round(share * 100);
        percent = percent == 100 && share < 1 ? 99 : percent == 0 && share > 0 ? 1 : percent;
        return string.Create(CultureInfo.InvariantCulture, $"{percent:0}%");
    }
}
