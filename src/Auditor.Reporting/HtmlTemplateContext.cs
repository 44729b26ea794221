using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace Auditor.Reporting;

/// <summary>
/// A template context that HTML-escapes every value a template writes, so values from the audited project
/// (run names, tags, commit messages) can never become markup, and hidden characters are shown (see <see cref="HtmlText"/>).
/// Only <see cref="TrustedHtml"/> passes through. Dates are written in the ISO form and numbers in the invariant
/// culture, whatever the machine's culture.
/// </summary>
internal sealed class HtmlTemplateContext : TemplateContext
{
    /// <summary>Scriban cuts any string it writes at 1 MiB by default (ending it with "..."): a report is never cut.</summary>
    /// <remarks>Scriban imports its built-in functions (<c>string.slice</c>, <c>array.limit</c>) by reflection: the Native AOT build keeps those the built-in templates use (a --templates folder calling others needs the JIT build).</remarks>
    [DynamicDependency(nameof(Scriban.Functions.StringFunctions.Slice), typeof(Scriban.Functions.StringFunctions))]
    [DynamicDependency(nameof(Scriban.Functions.ArrayFunctions.Limit), typeof(Scriban.Functions.ArrayFunctions))]
    [DynamicDependency(nameof(Scriban.Functions.ArrayFunctions.Contains), typeof(Scriban.Functions.ArrayFunctions))]
    public HtmlTemplateContext() => LimitToString = 0;

    /// <summary>The report model's members come from source-generated getters (<see cref="TemplateModelAccessor"/>), not reflection.</summary>
    protected override IObjectAccessor GetMemberAccessorImpl(object target) =>
        TemplateModelAccessor.For(target.GetType()) ?? base.GetMemberAccessorImpl(target)!;

    public override TemplateContext Write(SourceSpan span, object? textAsObject) =>
        base.Write(span, Escape(textAsObject));

    public override ValueTask<TemplateContext> WriteAsync(SourceSpan span, object? textAsObject) =>
        base.WriteAsync(span, Escape(textAsObject));

    private object Escape(object? value) =>
        value switch
        {
            null => "",
            TrustedHtml trusted => trusted.Html,
            DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTimeOffset time => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture),
            DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            IFormattable number and not Enum => HtmlText.Encode(number.ToString(null, CultureInfo.InvariantCulture)),
            _ => HtmlText.Encode(ObjectToString(value) ?? ""),
        };
}
