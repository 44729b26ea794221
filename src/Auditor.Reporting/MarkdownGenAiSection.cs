using System.Globalization;
using System.Text;
using Auditor.Core.Reporting;

namespace Auditor.Reporting;

/// <summary>The Markdown report's GenAI block: prompts, traces, feedback and evaluations, when the store holds any.</summary>
internal static class MarkdownGenAiSection
{
    public static void Append(StringBuilder md, GenAiCounts? genai)
    {
        if (genai is null || !genai.HasEntities())
        {
            return;
        }

        var neverLoaded = genai.PromptsNeverLoaded > 0 ? $", {genai.PromptsNeverLoaded} never loaded" : "";
        var period = genai.TracePeriod() is { } p ? ", " + p : "";
        var scorers = genai.Scorers.Count > 0 ? " (scorers " + string.Join(", ", genai.Scorers.Select(MarkdownText.Code)) + ")" : "";
        md.Append("### GenAI\n\n| Entity | Count |\n|---|---|\n");
        md.Append(CultureInfo.InvariantCulture, $"| Prompts | {genai.Prompts} ({genai.PromptVersions} versions{neverLoaded}) |\n");
        md.Append(CultureInfo.InvariantCulture, $"| Traces | {genai.Traces} ({genai.TracesWithError} with an error, {genai.Spans} spans{period}) |\n");
        md.Append(CultureInfo.InvariantCulture, $"| Assessments | {genai.Assessments} ({genai.Feedback} feedback, {genai.HumanFeedback} from people; {genai.Expectations} expectations) |\n");
        md.Append(CultureInfo.InvariantCulture, $"| Evaluation runs | {genai.EvaluationRuns}{scorers} |\n");
        md.Append(CultureInfo.InvariantCulture, $"| Evaluation datasets | {genai.EvaluationDatasets} |\n\n");
    }
}
