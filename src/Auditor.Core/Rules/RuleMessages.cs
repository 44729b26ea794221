namespace Auditor.Core.Rules;

/// <summary>
/// A rule's findings in words: one template per outcome, with placeholders for the facts the rule reads
/// (see <see cref="MessageTemplate"/>). A missing template, or one whose facts have no exact value, leaves the
/// fact expression as the message.
/// </summary>
public sealed record RuleMessages
{
    public string? Pass { get; init; }

    public string? Fail { get; init; }

    /// <summary>May name <c>{reason}</c>: why the evidence could not be judged.</summary>
    public string? Unknown { get; init; }

    public IEnumerable<string> All => new[] { Pass, Fail, Unknown }.OfType<string>();
}
