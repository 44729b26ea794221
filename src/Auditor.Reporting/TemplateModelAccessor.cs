using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Serialization.Metadata;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace Auditor.Reporting;

/// <summary>
/// Lets a template read the properties of the report model (<c>report.subject.path</c>) through the getters of
/// <see cref="TemplateModelContext"/>, named as Scriban names them (<c>GeneratedAt</c> is <c>generated_at</c>):
/// no reflection, read-only.
/// </summary>
internal sealed class TemplateModelAccessor : IObjectAccessor
{
    private static readonly ConcurrentDictionary<Type, TemplateModelAccessor?> Accessors = new();

    private readonly Dictionary<string, Func<object, object?>> _getters;

    private TemplateModelAccessor(Dictionary<string, Func<object, object?>> getters) => _getters = getters;

    /// <summary>The accessor of a model type; null for a type the context does not describe as an object.</summary>
    public static TemplateModelAccessor? For(Type type) => Accessors.GetOrAdd(type, Create);

    private static TemplateModelAccessor? Create(Type type)
    {
        var info = TemplateModelContext.Default.GetTypeInfo(type);
        if (info is not { Kind: JsonTypeInfoKind.Object })
        {
            return null;
        }

        var getters = new Dictionary<string, Func<object, object?>>(StringComparer.Ordinal);
        foreach (var property in info.Properties)
        {
            if (property.Get is { } get)
            {
                getters[ScribanName(property.Name)] = get;
            }
        }

        return new TemplateModelAccessor(getters);
    }

    /// <summary>Scriban's standard renaming: an underscore before every capital but the first, all lower case.</summary>
    internal static string ScribanName(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]))
            {
                if (i > 0)
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(name[i]));
            }
            else
            {
                builder.Append(name[i]);
            }
        }

        return builder.ToString();
    }

    public int GetMemberCount(TemplateContext context, SourceSpan span, object target) => _getters.Count;

    public IEnumerable<string> GetMembers(TemplateContext context, SourceSpan span, object target) => _getters.Keys;

    public bool HasMember(TemplateContext context, SourceSpan span, object target, string member) => _getters.ContainsKey(member);

    public bool TryGetValue(TemplateContext context, SourceSpan span, object target, string member, out object? value)
    {
        if (_getters.TryGetValue(member, out var get))
        {
            value = get(target);
            return true;
        }

        value = null;
        return false;
    }

    public bool TrySetValue(TemplateContext context, SourceSpan span, object target, string member, object? value) => false;

    public bool TryGetItem(TemplateContext context, SourceSpan span, object target, object index, out object? value)
    {
        value = null;
        return false;
    }

    public bool TrySetItem(TemplateContext context, SourceSpan span, object target, object index, object? value) => false;

    public bool HasIndexer => false;

    public Type? IndexType => null;
}
