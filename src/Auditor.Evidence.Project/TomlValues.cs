using Tomlyn.Model;

namespace Auditor.Evidence.Project;

/// <summary>Null-tolerant access to Tomlyn's untyped model.</summary>
internal static class TomlValues
{
    public static object? Value(this TomlTable? table, string key) =>
        table is not null && table.TryGetValue(key, out var value) ? value : null;
}
