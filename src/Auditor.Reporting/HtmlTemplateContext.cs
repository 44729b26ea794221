using System.Net;
using Scriban;
using Scriban.Parsing;

namespace Auditor.Reporting;

/// <summary>
/// A template context that HTML-escapes every value a template writes, so values from the audited project
/// (run names, tags, commit messages) can never become markup. Only <see cref="TrustedHtml"/> passes through.
/// </summary>
internal sealed class HtmlTemplateContext : TemplateContext
{
    public override TemplateContext Write(SourceSpan span, object? textAsObject) =>
        base.Write(span, Escape(textAsObject));

    public override ValueTask<TemplateContext> WriteAsync(SourceSpan span, object? textAsObject) =>
        base.WriteAsync(span, Escape(textAsObject));

    private object Escape(object? value) =>
        value switch
        {
            null => "",
            TrustedHtml trusted => trusted.Html,
            _ => WebUtility.HtmlEncode(ObjectToString(value) ?? ""),
        };
}
