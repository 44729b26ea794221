using System.Text.Json;
using System.Text.Json.Serialization;

namespace Auditor.Reporting;

/// <summary>An enum written and read as its kebab-case name (<c>not-applicable</c>), without the reflection of the non-generic <see cref="JsonStringEnumConverter"/>.</summary>
internal sealed class KebabCaseEnum<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.KebabCaseLower)
    where TEnum : struct, Enum;
