using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Auditor.Reporting;

/// <summary>
/// A one-argument template function (<c>label f.outcome</c>) from a typed delegate, without the reflection of
/// <c>ScriptObject.Import(name, Delegate)</c>; the argument is converted by Scriban's own rules.
/// </summary>
internal sealed class TemplateFunction<TArgument, TResult>(Func<TArgument, TResult> function) : IScriptCustomFunction
{
    public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
    {
        if (arguments.Count != 1)
        {
            throw new ScriptRuntimeException(callerContext?.Span ?? default, $"expected 1 argument, got {arguments.Count}");
        }

        var argument = arguments[0];
        return function(argument is TArgument typed ? typed : (TArgument)context.ToObject(callerContext?.Span ?? default, argument, typeof(TArgument))!);
    }

    public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        new(Invoke(context, callerContext, arguments, blockStatement));

    public ScriptParameterInfo GetParameterInfo(int index) => new(typeof(TArgument), "value");

    public int RequiredParameterCount => 1;

    public int ParameterCount => 1;

    public ScriptVarParamKind VarParamKind => ScriptVarParamKind.None;

    public Type ReturnType => typeof(TResult);
}
