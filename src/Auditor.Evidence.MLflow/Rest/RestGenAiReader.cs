using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Auditor.Core.Tracking;

namespace Auditor.Evidence.MLflow.Rest;

/// <summary>
/// Reads the MLflow 3 GenAI entities of a tracking server, with the requests the 3.11 server was recorded answering
/// (rest-examples-3.11-genai): prompts (<c>registered-models/search</c> filtered on <c>mlflow.prompt.is_prompt</c>, each
/// prompt's versions by a filtered <c>model-versions/search</c>), traces with their assessments inline
/// (<c>POST /api/3.0/mlflow/traces/search</c> over a few experiments at a time; on a 2.x server the v2
/// <c>GET /api/2.0/mlflow/traces</c>, without assessments) and evaluation datasets
/// (<c>/api/3.0/mlflow/datasets/search</c>, each dataset's records counted page by page and its experiments).
/// A server without either traces endpoint (404: older than MLflow 2.14) or refusing a request gives one problem line and
/// none of that entity; one without the datasets endpoint holds no evaluation datasets (not supported, as a SQL store
/// without the table); the audit goes on. Paging, bounds and deadline are the reader's (<see cref="RestPager"/>).
/// </summary>
internal sealed class RestGenAiReader(MlflowRestClient client, RestDuplicates unique, ProblemLog problems, string redactedUri, TrackingReadOptions options)
{
    private const string Api2 = "api/2.0/mlflow/";
    private const string Api3 = "api/3.0/mlflow/";

    /// <summary>The filter <c>mlflow.search_prompts</c> sends; without it a 3.x server leaves prompts out.</summary>
    public const string PromptFilter = "tags.`mlflow.prompt.is_prompt` = 'true'";

    /// <summary>Experiments per traces search: the server takes a list of locations.</summary>
    private const int ExperimentsPerSearch = 20;

    /// <summary>The page size the 3.11 server was recorded answering for traces (its own default).</summary>
    private const int TracePage = 100;

    public async Task<GenAiEvidence> ReadAsync(IReadOnlyList<string> experimentIds)
    {
        var prompts = PromptsAsync();
        var traces = TracesAsync(experimentIds);
        var datasets = DatasetsAsync();
        await Task.WhenAll(prompts, traces, datasets).ConfigureAwait(false);
        var (tally, traceIds, assessmentIds) = traces.Result;
        traceIds.Report();
        assessmentIds.Report();
        return tally.Into(new GenAiEvidence
        {
            Prompts = prompts.Result,
            EvaluationDatasets = datasets.Result.Datasets,
            EvaluationDatasetsSupported = datasets.Result.Supported,
        });
    }

    private async Task<IReadOnlyList<RegisteredModel>> PromptsAsync()
    {
        var page = Math.Min(options.PageSize, 1000).ToString(CultureInfo.InvariantCulture);
        var found = await Guarded("registered-models/search (prompts)", "prompts", [], async missing =>
            await RestPager.AllAsync("registered-models/search (prompts)", client.Budget, redactedUri, "registered_models", m => m.Clone(), token =>
                Missing(client.GetAsync(Api2 + "registered-models/search", WithToken([("max_results", page), ("filter", PromptFilter)], token), missingIsNull: true), missing)).ConfigureAwait(false)).ConfigureAwait(false);
        var prompts = unique.Keep("registered-models/search (prompts)", "prompt", found, m => m.Str("name") ?? "");
        var read = await Task.WhenAll(prompts.Select(async prompt =>
        {
            var name = prompt.Str("name") ?? "";
            var aliases = RestModelMapper.Aliases(prompt);
            var versions = await Guarded($"model-versions/search (prompt {name})", $"the versions of prompt '{name}'", [], async missing =>
                await RestPager.AllAsync($"model-versions/search (prompt {name})", client.Budget, redactedUri, "model_versions", v => RestModelMapper.ModelVersion(v, aliases), token =>
                    Missing(client.GetAsync(Api2 + "model-versions/search", WithToken([("max_results", page), ("filter", VersionFilter(name))], token), missingIsNull: true), missing)).ConfigureAwait(false)).ConfigureAwait(false);
            var numbered = unique.Keep($"model-versions/search (prompt {name})", "prompt version", versions.Where(v => v.Version > 0 && v.ModelName == name), v => $"{v.ModelName} version {v.Version}");
            return RestModelMapper.RegisteredModel(prompt, aliases, numbered);
        })).ConfigureAwait(false);
        return read.Where(PromptRegistry.IsPrompt).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>The filter the prompt client sends for one prompt's versions; a quote in the name is doubled as in SQL.</summary>
    private static string VersionFilter(string name) =>
        $"name = '{name.Replace("'", "''", StringComparison.Ordinal)}' AND tag.`mlflow.prompt.is_prompt` = 'true'";

    /// <summary>
    /// Traces v3 (assessments inline), folded into counts as the pages arrive (a store's traces are never held); a
    /// server without the v3 search (404: a 2.x server) is asked the deprecated v2 search <c>GET /api/2.0/mlflow/traces</c>
    /// instead, which has no assessments (a 2.x server keeps none). Only a server without either costs the traces, with
    /// one problem line. Each search (a few experiments) is folded apart and kept only when it was read to its end, so
    /// a refused search costs its traces, as it would unfolded. Searches cover different experiments, so a trace is met
    /// in one of them; a server repeating one within a search is counted once.
    /// </summary>
    private async Task<Traces> TracesAsync(IReadOnlyList<string> experimentIds)
    {
        var (read, v3Missing) = await SearchAsync(experimentIds, reportMissing: false, (batch, part, missing) =>
            RestPager.EachAsync("traces/search", client.Budget, redactedUri, "traces", t => Fold(part, RestGenAiMapper.Trace(t)), token =>
            {
                var body = new JsonObject
                {
                    ["locations"] = new JsonArray(batch.Select(id => (JsonNode)new JsonObject
                    {
                        ["type"] = "MLFLOW_EXPERIMENT",
                        ["mlflow_experiment"] = new JsonObject { ["experiment_id"] = id },
                    }).ToArray()),
                    ["max_results"] = Math.Min(options.PageSize, TracePage),
                };
                if (token is not null)
                {
                    body["page_token"] = token;
                }

                return Missing(client.PostAsync(Api3 + "traces/search", body, missingIsNull: true), missing);
            })).ConfigureAwait(false);
        return v3Missing ? await TracesV2Async(experimentIds).ConfigureAwait(false) : read;
    }

    /// <summary>The v2 search as recorded: <c>experiment_ids</c> repeated in the query, <c>page_token</c> from the last page.</summary>
    private async Task<Traces> TracesV2Async(IReadOnlyList<string> experimentIds)
    {
        var page = Math.Min(options.PageSize, TracePage).ToString(CultureInfo.InvariantCulture);
        var (read, _) = await SearchAsync(experimentIds, reportMissing: true, (batch, part, missing) =>
            RestPager.EachAsync("traces (v2)", client.Budget, redactedUri, "traces", t => Fold(part, (RestGenAiMapper.TraceV2(t), [])), token =>
                Missing(client.GetAsync(Api2 + "traces", WithToken(batch.Select(id => ("experiment_ids", id)).Append(("max_results", page)), token), missingIsNull: true), missing))).ConfigureAwait(false);
        return read;
    }

    /// <summary>
    /// Runs <paramref name="search"/> for each few experiments, folding each into its own part, kept only when read to its
    /// end; stops at the first search the server does not serve (404), a problem line only with <paramref name="reportMissing"/>.
    /// </summary>
    private async Task<(Traces Read, bool Missing)> SearchAsync(IReadOnlyList<string> experimentIds, bool reportMissing, Func<string[], Traces, Action, Task> search)
    {
        var read = NewTraces();
        var missing = false;
        foreach (var batch in experimentIds.Chunk(ExperimentsPerSearch))
        {
            var part = NewTraces();
            var complete = await Guarded("traces/search", "traces", false, async gone =>
            {
                await search(batch, part, () =>
                {
                    missing = true;
                    if (reportMissing)
                    {
                        gone();
                    }
                }).ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);
            if (missing)
            {
                break;
            }

            if (complete)
            {
                Merge(read, part);
            }
        }

        return (read, missing);
    }

    private Traces NewTraces() => new(new GenAiTally(), unique.Ids("traces/search", "trace"), unique.Ids("traces/search", "assessment"));

    /// <summary>A trace met for the first time is counted with its assessments met for the first time.</summary>
    private static void Fold(Traces traces, (GenAiTrace Trace, List<TraceAssessment> Assessments) trace)
    {
        if (traces.TraceIds.Add(trace.Trace.Id))
        {
            traces.Tally.Add(trace.Trace, trace.Assessments.Where(a => traces.AssessmentIds.Add(a.Id)).ToList());
        }
    }

    private static void Merge(Traces into, Traces part)
    {
        into.Tally.Merge(part.Tally);
        into.TraceIds.Merge(part.TraceIds);
        into.AssessmentIds.Merge(part.AssessmentIds);
    }

    /// <summary>Traces folded so far, and the trace and assessment ids met (a server may send one twice).</summary>
    private sealed record Traces(GenAiTally Tally, RestDuplicates.Seen TraceIds, RestDuplicates.Seen AssessmentIds);

    private async Task<(List<EvaluationDataset> Datasets, bool Supported)> DatasetsAsync()
    {
        // A server without the endpoint (404) has no evaluation datasets, as a SQL store without the table: that is the
        // fact (not supported), not a problem. One that refuses the search costs them with a problem line.
        var missing = true; // until the server answers
        var page = Math.Min(options.PageSize, 1000).ToString(CultureInfo.InvariantCulture);
        var found = await Guarded("datasets/search", "evaluation datasets", [], async _ =>
            await RestPager.AllAsync("datasets/search", client.Budget, redactedUri, "datasets", RestGenAiMapper.Dataset, token =>
                Answered(client.GetAsync(Api3 + "datasets/search", WithToken([("max_results", page)], token), missingIsNull: true), () => missing = false)).ConfigureAwait(false)).ConfigureAwait(false);
        if (missing)
        {
            return ([], false);
        }

        var datasets = await Task.WhenAll(unique.Keep("datasets/search", "evaluation dataset", found, d => d.Id).Select(async dataset =>
        {
            var what = $"datasets/{dataset.Id}/records";
            var pages = await Guarded(what, $"the records of evaluation dataset '{dataset.Name}'", [], async gone =>
                await RestPager.PagesAsync(what, client.Budget, redactedUri, RestGenAiMapper.RecordCount, token => Missing(client.GetAsync(Api3 + $"datasets/{Uri.EscapeDataString(dataset.Id)}/records", WithToken([("max_results", page)], token), missingIsNull: true), gone)).ConfigureAwait(false)).ConfigureAwait(false);
            using var experiments = await Guarded($"datasets/{dataset.Id}/experiment-ids", $"the experiments of evaluation dataset '{dataset.Name}'", null, async gone =>
                await Missing(client.GetAsync(Api3 + $"datasets/{Uri.EscapeDataString(dataset.Id)}/experiment-ids", [], missingIsNull: true), gone).ConfigureAwait(false)).ConfigureAwait(false);
            return dataset with
            {
                RecordCount = pages.Sum(),
                ExperimentIds = experiments is { } ids ? ids.RootElement.Array("experiment_ids").Select(i => i.ValueKind == JsonValueKind.String ? i.GetString() : i.GetRawText()).OfType<string>().Order(StringComparer.Ordinal).ToList() : [],
            };
        })).ConfigureAwait(false);
        return (datasets.OrderBy(d => d.Name, StringComparer.Ordinal).ThenBy(d => d.Id, StringComparer.Ordinal).ToList(), true);
    }

    /// <summary>
    /// Runs one read; an endpoint the server lacks (404) or a request it refuses costs that entity with one problem
    /// line, not the audit. <paramref name="read"/> gets the callback that records a 404.
    /// </summary>
    private async Task<T> Guarded<T>(string what, string noun, T none, Func<Action, Task<T>> read)
    {
        var missing = false;
        try
        {
            var result = await read(() => missing = true).ConfigureAwait(false);
            if (missing)
            {
                problems.Add($"{redactedUri}: {what}", $"not served (HTTP 404: a server older than MLflow 3?); {noun} not read");
                return none;
            }

            return result;
        }
        catch (RestStoreException e)
        {
            var reason = e.Message.StartsWith(redactedUri + ": ", StringComparison.Ordinal) ? e.Message[(redactedUri.Length + 2)..] : e.Message;
            problems.Add($"{redactedUri}: {what}", $"{noun} not read: {reason}");
            return none;
        }
    }

    private static async Task<JsonDocument?> Missing(Task<JsonDocument?> answer, Action missing)
    {
        var result = await answer.ConfigureAwait(false);
        if (result is null)
        {
            missing();
        }

        return result;
    }

    private static async Task<JsonDocument?> Answered(Task<JsonDocument?> answer, Action answered)
    {
        var result = await answer.ConfigureAwait(false);
        if (result is not null)
        {
            answered();
        }

        return result;
    }

    private static IEnumerable<(string, string)> WithToken(IEnumerable<(string, string)> query, string? token) =>
        token is null ? query : query.Append(("page_token", token));
}
