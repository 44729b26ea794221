using System.Text.Json;

namespace Auditor.Reporting;

/// <summary>The kebab-case names the JSON contract uses for enum values (not-applicable, not-met), shared by every format.</summary>
public static class Labels
{
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
