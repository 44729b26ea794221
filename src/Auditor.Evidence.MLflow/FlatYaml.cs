using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Auditor.Evidence.MLflow;

/// <summary>
/// The top-level scalar fields of a YAML mapping (run meta.yaml), read with YamlDotNet's event parser instead
/// of building a document: faster for the one small file every run has. Nested values are skipped.
/// </summary>
internal sealed class FlatYaml
{
    private readonly Dictionary<string, string?> _fields;

    private FlatYaml(Dictionary<string, string?> fields) => _fields = fields;

    /// <summary>Parses <paramref name="text"/>; throws <see cref="InvalidDataException"/> unless the top level is a mapping.</summary>
    public static FlatYaml Parse(string text)
    {
        var fields = new Dictionary<string, string?>(16, StringComparer.Ordinal);
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (!parser.TryConsume<DocumentStart>(out _))
            {
                throw new InvalidDataException("expected a YAML mapping, found an empty file");
            }

            if (!parser.TryConsume<MappingStart>(out _))
            {
                throw new InvalidDataException("expected a YAML mapping, found something else");
            }

            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = parser.Consume<Scalar>().Value;
                if (parser.TryConsume<Scalar>(out var value))
                {
                    fields[key] = IsNull(value) ? null : value.Value;
                }
                else
                {
                    parser.SkipThisAndNestedEvents();
                }
            }
        }
        catch (YamlException e)
        {
            throw new InvalidDataException($"invalid YAML at line {e.Start.Line}: {e.Message}", e);
        }

        return new FlatYaml(fields);
    }

    public string? String(string key) => _fields.GetValueOrDefault(key);

    public long? Long(string key) =>
        long.TryParse(String(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    public DateTimeOffset? Time(string key) =>
        Long(key) is { } ms and > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    private static bool IsNull(Scalar scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL";
}
