using Auditor.Core.Trace;

namespace Auditor.Reporting;

/// <summary>
/// Prints reproducibility traces as a tree in the terminal: model, versions, and each link of the chain; then the GenAI
/// application versions that are logged models only.
/// </summary>
public static class TraceTreeWriter
{
    public static void Write(IEnumerable<ModelTrace> traces, TextWriter output)
    {
        foreach (var model in traces.GroupBy(t => t.Model, StringComparer.Ordinal))
        {
            output.WriteLine(TerminalText.Clean(model.Key));
            Branches(model.ToList(), (version, branch, indent) => WriteVersion(version, output, branch, indent));
        }
    }

    private static void WriteVersion(ModelTrace t, TextWriter output, string branch, string indent)
    {
        var aliases = string.Concat(t.Aliases.Select(a => " @" + a));
        output.WriteLine(TerminalText.Clean($"{branch}v{t.Version} {t.Stage}{aliases}  {Labels.Of(t.Verdict).ToUpperInvariant()}"));
        Line(output, indent, "run", t.RunId is null ? "none recorded" : $"{t.RunId} {t.RunName} ({Labels.Of(t.RunState)})");
        var reach = t.CommitReachable switch { true => ", reachable", false => ", unreachable", _ => "" };
        var entry = t.EntryPointInCommit switch { true => $"; {t.EntryPoint} in commit", false => $"; {t.EntryPoint} NOT in commit", _ => t.EntryPoint is null ? "" : $"; entry point {t.EntryPoint}" };
        Line(output, indent, "commit", $"{t.Commit ?? "-"} ({Labels.Of(t.CommitState)}{reach}){entry}");
        Line(output, indent, "env", $"{Labels.Of(t.Environment)}{(t.EnvironmentSource is null ? "" : $" ({t.EnvironmentSource})")}");
        Line(output, indent, "data", $"{Labels.Of(t.Data)}{(t.Datasets.Count == 0 ? "" : ": " + string.Join(", ", t.Datasets))}");
        Line(output, indent, "logged", $"{t.Params} params, {t.Metrics} metrics");
        var flavors = t.Flavors.Count == 0 ? "" : $", flavors {string.Join(", ", t.Flavors)}";
        var signature = t.HasSignature switch { true => ", signature", false => ", no signature", _ => "" };
        Line(output, indent, "artifact", $"{Labels.Of(t.Artifact)}{flavors}{signature}{(t.ArtifactUri is null ? "" : $" ({t.ArtifactUri})")}");
        if (t.Application is { } app)
        {
            WriteApplication(app, output, indent);
        }

        foreach (var gap in t.Gaps)
        {
            Line(output, indent, "gap", gap);
        }
    }

    /// <summary>
    /// Prints the application versions that are logged models but no registered version, under a heading of their own,
    /// each with the same links as a registered application version.
    /// </summary>
    public static void WriteApplications(IReadOnlyList<LoggedApplicationTrace> applications, TextWriter output)
    {
        if (applications.Count == 0)
        {
            return;
        }

        output.WriteLine("Application versions (logged models, not registered)");
        Branches(applications, (a, branch, indent) =>
        {
            output.WriteLine(TerminalText.Clean($"{branch}{(a.Name is null ? a.LoggedModel : $"{a.Name} ({a.LoggedModel})")}  {Labels.Of(a.Verdict).ToUpperInvariant()}"));
            Line(output, indent, "run", a.SourceRunId is null ? "none (made active by set_active_model)" : $"{a.SourceRunId} ({Labels.Of(a.RunState)})");
            WriteApplication(a.Application, output, indent);
            foreach (var gap in a.Gaps)
            {
                Line(output, indent, "gap", gap);
            }
        });
    }

    /// <summary>Writes each item as a branch of the tree: the last one closes it.</summary>
    private static void Branches<T>(IReadOnlyList<T> items, Action<T, string, string> write)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var last = i == items.Count - 1;
            write(items[i], last ? "└─ " : "├─ ", last ? "   " : "│  ");
        }
    }

    private static void WriteApplication(ApplicationTrace app, TextWriter output, string indent)
    {
        Line(output, indent, "app", $"{app.LoggedModel}, {app.Traces} traces, commit {app.Commit ?? "-"} ({Labels.Of(app.CommitState)})");
        Line(output, indent, "prompts", app.Prompts.Count == 0 ? "none linked" : string.Join(", ", app.Prompts.Select(p =>
            $"{p.Name}/{p.Version}{string.Concat(p.Aliases.Select(a => " @" + a))}{(p.State == PromptLinkState.Present ? "" : $" ({Labels.Of(p.State)})")}")));
        Line(output, indent, "evals", app.Evaluations.Count == 0 ? "none" : string.Join(", ", app.Evaluations.Select(e =>
            $"{e.RunId} {e.RunName} (by {e.Match}; {e.Traces} traces{(e.Scorers.Count == 0 ? "" : "; " + string.Join(", ", e.Scorers))})")));
    }

    private static void Line(TextWriter output, string indent, string label, string text) =>
        output.WriteLine($"{indent}  {label,-8} {TerminalText.Clean(text)}");
}
