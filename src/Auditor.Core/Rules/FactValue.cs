using System.Globalization;

namespace Auditor.Core.Rules;

/// <summary>A fact's value: a number, a boolean or a text. Numbers cover counts and shares.</summary>
public sealed record FactValue
{
    private FactValue(double? number, bool? boolean, string? text)
    {
        Number = number;
        Boolean = boolean;
        Text = text;
    }

    public double? Number { get; }

    public bool? Boolean { get; }

    public string? Text { get; }

    public static FactValue Of(double number) => new(number, null, null);

    public static FactValue Of(bool boolean) => new(null, boolean, null);

    public static FactValue Of(string text) => new(null, null, text);

    public override string ToString() =>
        Number is { } n ? n.ToString("0.###", CultureInfo.InvariantCulture)
        : Boolean is { } b ? (b ? "true" : "false")
        : Text ?? "";
}
