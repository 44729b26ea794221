using Tomlyn;
using Tomlyn.Model;
using Tomlyn.Serialization;

namespace Auditor.Evidence.Project.Environments;

/// <summary>
/// Parses a TOML file into Tomlyn's untyped model through a source-generated context, so the Native AOT build
/// needs no reflection (Tomlyn turns its reflection mapping off under PublishAot).
/// </summary>
internal static class TomlModel
{
    public static TomlTable Parse(string text) => TomlSerializer.Deserialize(text, TomlModelContext.Default.TomlTable) ?? new TomlTable();
}

[TomlSerializable(typeof(TomlTable))]
internal sealed partial class TomlModelContext : TomlSerializerContext;
