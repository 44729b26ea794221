using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Auditor.Core.Tracking;
using Auditor.Evidence.MLflow.Artifacts;

namespace Auditor.Evidence.MLflow.Rest;

/// <summary>
/// Reads a tracking server through its REST API into the normalized store: experiments, runs (one paged search
/// per experiment, a few at a time), registered models with all their versions, 3.x logged models when the
/// server has the endpoint, the GenAI entities (<see cref="RestGenAiReader"/>), and each registered version's MLmodel and environment files through the artifact
/// endpoints. Always sends explicit <c>max_results</c> and view types (unset fields reach MLflow as 0).
/// </summary>
public static class RestStoreReader
{
    private const string Api = "api/2.0/mlflow/";

    public static async Task<TrackingStore> ReadAsync(string uri, string redactedUri, TrackingReadOptions options)
    {
        try
        {
            return await ReadStoreAsync(uri, redactedUri, options).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or KeyNotFoundException or System.Security.Cryptography.CryptographicException)
        {
            // An answer of an unexpected shape (a JSON value of the wrong kind), a URI or CA bundle that cannot be used.
            throw new RestStoreException($"{redactedUri}: unexpected answer, or unusable URI or CA bundle: {e.Message.ReplaceLineEndings(" ")}", e);
        }
    }

    private static async Task<TrackingStore> ReadStoreAsync(string uri, string redactedUri, TrackingReadOptions options)
    {
        var connection = RestConnection.From(uri, options);
        using var budget = new RestBudget(RestLimits.From(options), redactedUri, options.Time, options.Cancellation);
        using var client = new MlflowRestClient(connection, options, budget, redactedUri);
        try
        {
            return await ReadAnsweringStoreAsync(client, budget, redactedUri, options).ConfigureAwait(false);
        }
        catch (Exception e) when (client.Answered && e is RestStoreException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            // The server answered, so it was opened: what it sent could not be read. The audit goes on (rules unknown).
            var message = e is RestStoreException ? e.Message : $"{redactedUri}: unexpected answer: {e.Message.ReplaceLineEndings(" ")}";
            throw new StoreContentException(message, e);
        }
    }

    private static async Task<TrackingStore> ReadAnsweringStoreAsync(MlflowRestClient client, RestBudget budget, string redactedUri, TrackingReadOptions options)
    {
        var problems = new ProblemLog();
        var unique = new RestDuplicates(redactedUri, problems);
        var page = options.PageSize.ToString(CultureInfo.InvariantCulture);

        var experiments = unique.Keep("experiments/search", "experiment", await RestPager.AllAsync("experiments/search", budget, redactedUri, "experiments", RestModelMapper.Experiment, token =>
                client.GetAsync(Api + "experiments/search", WithToken([("max_results", page), ("view_type", "ALL")], token))).ConfigureAwait(false), e => e.Id)
            .OrderBy(e => NumericKey(e.Id)).ThenBy(e => e.Id, StringComparer.Ordinal)
            .ToList();

        // The small searches start first: requests wait for a free slot in the order they are made, and behind the
        // runs pages (most of the bytes) the registry, logged-model and GenAI answers would all arrive at the end.
        var modelsTask = RegisteredModelsAsync(client, unique, redactedUri, options);
        var loggedTask = LoggedModelsAsync(client, experiments.Select(e => e.Id).ToList(), redactedUri, options);
        var genAiTask = new RestGenAiReader(client, unique, problems, redactedUri, options).ReadAsync(experiments.Select(e => e.Id).ToList());
        var pool = new StringPool();
        var runsTask = Task.WhenAll(experiments.Select(e => RunsAsync(client, e.Id, redactedUri, options, pool)));
        await Task.WhenAll(runsTask, modelsTask, loggedTask, genAiTask).ConfigureAwait(false);
        var logged = unique.Keep("logged-models/search", "logged model", loggedTask.Result, m => m.Id);

        // runs/search leaves out run outputs (MLflow 3.x puts them in runs/get only): a run's output models are the
        // logged models whose source run it is.
        var outputs = logged.Where(m => m.SourceRunId is not null)
            .GroupBy(m => m.SourceRunId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(m => m.Id).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        var store = new TrackingStore
        {
            Kind = TrackingStoreKind.Rest,
            Uri = redactedUri,
            Experiments = experiments,
            Runs = (await EvaluationInputsAsync(client, unique.Keep("runs/search", "run", runsTask.Result.SelectMany(r => r), r => r.Id), problems, redactedUri).ConfigureAwait(false))
                .Select(r => r.OutputModelIds.Count == 0 && outputs.TryGetValue(r.Id, out var ids) ? r with { OutputModelIds = ids } : r)
                .OrderBy(r => NumericKey(r.ExperimentId)).ThenBy(r => r.StartTime).ThenBy(r => r.Id, StringComparer.Ordinal)
                .ToList(),
            RegisteredModels = modelsTask.Result,
            LoggedModels = logged,
            GenAi = genAiTask.Result,
        };

        // Model files only for registered versions: the trace needs them, and each is a few requests.
        var artifacts = new RestModelArtifacts(client, new RestArtifactLocator(store), problems, redactedUri);
        var read = await ModelArtifactLinker.AttachAsync(store, artifacts, problems, versionsOnly: true).ConfigureAwait(false);
        foreach (var (what, why) in budget.Cuts.Take(20))
        {
            problems.Add($"{redactedUri}: {what}", $"stopped early: {why}; the audit goes on with what was read");
        }

        return read with { Problems = problems.ToList(), PartlyRead = budget.PartlyRead };
    }

    /// <summary>
    /// The 3.11 server's runs/search leaves out a run's model inputs (runs/get has them): an evaluation run's evaluated
    /// model is one of them, so each evaluation run without any is read again with runs/get.
    /// </summary>
    private static async Task<List<Run>> EvaluationInputsAsync(MlflowRestClient client, List<Run> runs, ProblemLog problems, string redactedUri)
    {
        var reads = new List<(int Index, Task<Run> Read)>();
        for (var i = 0; i < runs.Count; i++)
        {
            if (EvaluationRun.IsEvaluation(runs[i]) && runs[i].InputModelIds.Count == 0)
            {
                reads.Add((i, WithInputsAsync(client, runs[i], problems, redactedUri)));
            }
        }

        foreach (var (index, read) in reads)
        {
            runs[index] = await read.ConfigureAwait(false);
        }

        return runs;
    }

    private static async Task<Run> WithInputsAsync(MlflowRestClient client, Run run, ProblemLog problems, string redactedUri)
    {
        try
        {
            using var answer = await client.GetAsync(Api + "runs/get", [("run_id", run.Id)], missingIsNull: true).ConfigureAwait(false);
            var inputs = answer is { } a ? RestRunReader.Read(a.RootElement.Object("run"), null).InputModelIds : [];
            return inputs.Count > 0 ? run with { InputModelIds = inputs } : run;
        }
        catch (RestStoreException e)
        {
            problems.Add($"{redactedUri}: runs/get (run {run.Id})", "the evaluation run's model inputs not read: " + e.Message);
            return run;
        }
    }

    private static async Task<List<Run>> RunsAsync(MlflowRestClient client, string experimentId, string redactedUri, TrackingReadOptions options, StringPool pool) =>
        await RestPager.AllAsync($"runs/search (experiment {experimentId})", client.Budget, redactedUri, token =>
        {
            var body = new JsonObject
            {
                ["experiment_ids"] = new JsonArray(experimentId),
                ["run_view_type"] = "ALL",
                ["max_results"] = options.PageSize,
            };
            if (token is not null)
            {
                body["page_token"] = token;
            }

            return client.PostAsync(Api + "runs/search", body, json => RestRunReader.ReadPage(json, pool));
        }).ConfigureAwait(false);

    private static async Task<List<RegisteredModel>> RegisteredModelsAsync(MlflowRestClient client, RestDuplicates unique, string redactedUri, TrackingReadOptions options)
    {
        var modelPage = Math.Min(options.PageSize, 1000).ToString(CultureInfo.InvariantCulture);
        var models = unique.Keep("registered-models/search", "registered model", await RestPager.AllAsync("registered-models/search", client.Budget, redactedUri, "registered_models", m => m.Clone(), token =>
            client.GetAsync(Api + "registered-models/search", WithToken([("max_results", modelPage)], token))).ConfigureAwait(false), m => m.Str("name") ?? "");
        var aliases = models.ToDictionary(m => m.Str("name") ?? "", RestModelMapper.Aliases, StringComparer.Ordinal);
        var versionPage = Math.Min(options.PageSize, 10_000).ToString(CultureInfo.InvariantCulture);
        var versions = models.Count == 0
            ? []
            : await RestPager.AllAsync("model-versions/search", client.Budget, redactedUri, "model_versions",
                v => v.Str("current_stage") == "Deleted_Internal" ? null : RestModelMapper.ModelVersion(v, aliases.GetValueOrDefault(v.Str("name") ?? "") ?? RestModelMapper.NoAliases),
                token => client.GetAsync(Api + "model-versions/search", WithToken([("max_results", versionPage)], token))).ConfigureAwait(false);
        var numbered = versions.OfType<ModelVersion>().Where(v => v.Version > 0).ToList();
        if (numbered.Count < versions.Count(v => v is not null))
        {
            unique.Problem("model-versions/search", $"{versions.Count(v => v is not null) - numbered.Count} model versions without a version number (1 or more); left out");
        }

        var byModel = unique.Keep("model-versions/search", "model version", numbered, v => $"{v.ModelName} version {v.Version}")
            .GroupBy(v => v.ModelName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<ModelVersion>)g.ToList(), StringComparer.Ordinal);
        return models
            .Select(m => RestModelMapper.RegisteredModel(m, aliases[m.Str("name") ?? ""], byModel.GetValueOrDefault(m.Str("name") ?? "") ?? []))
            .Where(m => !PromptRegistry.IsPrompt(m))
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>MLflow 3.x only: a 2.x server answers 404 (ENDPOINT_NOT_FOUND), which means "no logged models".</summary>
    private static async Task<List<LoggedModel>> LoggedModelsAsync(MlflowRestClient client, List<string> experimentIds, string redactedUri, TrackingReadOptions options)
    {
        if (experimentIds.Count == 0)
        {
            return [];
        }

        var result = new List<(long Created, LoggedModel Model)>();
        foreach (var batch in experimentIds.Chunk(100))
        {
            result.AddRange(await RestPager.AllAsync("logged-models/search", client.Budget, redactedUri, "models", m => (m.Object("info").Long("creation_timestamp_ms") ?? 0, RestModelMapper.LoggedModel(m)), token =>
            {
                var body = new JsonObject
                {
                    ["experiment_ids"] = new JsonArray(batch.Select(id => (JsonNode)JsonValue.Create(id)).ToArray()),
                    ["max_results"] = Math.Min(options.PageSize, 100),
                };
                if (token is not null)
                {
                    body["page_token"] = token;
                }

                return client.PostAsync(Api + "logged-models/search", body, missingIsNull: true);
            }).ConfigureAwait(false));
        }

        // The order of the SQL reader: creation time, then id.
        return result.OrderBy(m => m.Created).ThenBy(m => m.Model.Id, StringComparer.Ordinal).Select(m => m.Model).ToList();
    }

    private static IEnumerable<(string, string)> WithToken(IEnumerable<(string, string)> query, string? token) =>
        token is null ? query : query.Append(("page_token", token));

    private static long NumericKey(string id) => long.TryParse(id, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : long.MaxValue;
}
