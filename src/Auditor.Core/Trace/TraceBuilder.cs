using Auditor.Core.Evidence;
using Auditor.Core.Facts;
using Auditor.Core.Tracking;

namespace Auditor.Core.Trace;

/// <summary>
/// Follows every registered model version back to its run, commit, environment, data and artifact. Pure:
/// it reads the evidence bundle only.
/// </summary>
public static class TraceBuilder
{
    /// <summary>Lock files pin every dependency by construction.</summary>
    private static readonly string[] LockFiles = ["poetry.lock", "uv.lock", "pdm.lock", "Pipfile.lock", "conda-lock.yml"];

    private static readonly string[] EnvironmentFiles =
        ["requirements.txt", "pyproject.toml", "setup.py", "setup.cfg", "environment.yml", "environment.yaml", "conda.yaml", "conda.yml", "python_env.yaml", "Pipfile", "Dockerfile"];

    public static IReadOnlyList<ModelTrace> Build(EvidenceBundle evidence)
    {
        if (evidence.Tracking.Value is not { } store)
        {
            return [];
        }

        var context = new TraceContext(evidence, store);
        return store.RegisteredModels
            .SelectMany(m => m.Versions)
            .OrderBy(v => v.ModelName, StringComparer.Ordinal).ThenByDescending(v => v.Version)
            .Select(context.Trace)
            .ToList();
    }

    /// <summary>
    /// The GenAI application versions no registered version points to: active logged models that link prompts or have
    /// traces, each traced to its prompts, evaluation runs, source run and commit. Ordered by experiment, then id.
    /// </summary>
    public static IReadOnlyList<LoggedApplicationTrace> Applications(EvidenceBundle evidence)
    {
        if (evidence.Tracking.Value is not { } store)
        {
            return [];
        }

        var registered = store.RegisteredModels.SelectMany(m => m.Versions).Select(v => v.ModelId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var traced = store.GenAi.TraceGroups.Select(t => t.ModelId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var context = new TraceContext(evidence, store);
        return store.LoggedModels
            .Where(m => m.Lifecycle != Lifecycle.Deleted && !registered.Contains(m.Id) && (PromptLinks.OfModel(m).Count > 0 || traced.Contains(m.Id)))
            .OrderBy(m => m.ExperimentId, StringComparer.Ordinal).ThenBy(m => m.Id, StringComparer.Ordinal)
            .Select(context.TraceApplication)
            .ToList();
    }

    /// <summary>The commits whose contents the trace needs, with the entry-point paths to look for in each.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> CommitsToInspect(TrackingStore store, string projectPath)
    {
        var runs = store.Runs.ToDictionary(r => r.Id, StringComparer.Ordinal);
        return store.RegisteredModels.SelectMany(m => m.Versions)
            .Select(v => v.RunId is { } id && runs.TryGetValue(id, out var run) ? run : null)
            .OfType<Run>()
            .Where(r => r.GitCommit is not null)
            .GroupBy(r => r.GitCommit!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<string>)g.SelectMany(r => EntryPoints.Candidates(r.Tags.GetValueOrDefault(SystemTags.SourceName), projectPath)).Distinct(StringComparer.Ordinal).ToList(),
                StringComparer.OrdinalIgnoreCase);
    }

    private sealed class TraceContext(EvidenceBundle evidence, TrackingStore store)
    {
        private readonly Dictionary<string, Run> _runs = store.Runs.ToDictionary(r => r.Id, StringComparer.Ordinal);
        private readonly Dictionary<string, CommitResolution> _commits = (evidence.Commits.Value ?? []).ToDictionary(c => c.Sha, StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, CommitContents> _contents = (evidence.CommitContents.Value ?? []).ToDictionary(c => c.Sha, StringComparer.OrdinalIgnoreCase);
        private readonly string _projectPath = evidence.Repository.Value?.ProjectPath ?? "";
        private readonly Lazy<IReadOnlyList<EvaluationRun>> _evaluations = new(() => EvaluationRun.Of(store));

        public ModelTrace Trace(ModelVersion version)
        {
            var gaps = new GapList();
            var run = version.RunId is { } id ? _runs.GetValueOrDefault(id) : null;
            var runState = run is null ? RunState.Missing : run.Lifecycle == Lifecycle.Deleted ? RunState.Deleted : RunState.Active;
            gaps.AddRange(runState switch
            {
                RunState.Missing when version.RunId is null => ["the version records no run: it was registered from a file, not from a run"],
                RunState.Missing => [$"its run {version.RunId} no longer exists in the store (garbage-collected or from another store)"],
                RunState.Deleted => [$"its run {version.RunId} is deleted"],
                _ => [],
            });

            var (commitState, reachable) = Commit(run, gaps);
            var contents = run?.GitCommit is { } sha ? _contents.GetValueOrDefault(sha) : null;
            var entryPoint = run?.Tags.GetValueOrDefault(SystemTags.SourceName);
            var entryPointInCommit = EntryPointInCommit(entryPoint, contents, commitState);
            if (entryPointInCommit == false)
            {
                gaps.Add($"the entry point {entryPoint} is not in commit {Short(run!.GitCommit!)}");
            }

            var (environment, environmentSource) = Environment(version.Artifact, run?.GitCommit, contents, gaps);
            var data = Data(run, contents, gaps);
            var artifact = version.Artifact?.State switch
            {
                ModelArtifactState.Found => ArtifactLinkState.Present,
                ModelArtifactState.Missing => ArtifactLinkState.Missing,
                _ => ArtifactLinkState.Unknown,
            };
            gaps.AddRange(artifact switch
            {
                ArtifactLinkState.Missing => [$"the model files are missing at {version.Artifact!.Uri}"],
                _ => [],
            });
            if (artifact == ArtifactLinkState.Unknown)
            {
                gaps.Unchecked(version.Artifact?.State switch
                {
                    ModelArtifactState.Remote => $"the model files are in remote storage ({version.Artifact.Uri}) and were not checked{(version.Artifact.Reason is { } why ? ": " + why : "")}",
                    ModelArtifactState.Refused => "the model location leads outside the store and was not read",
                    _ => $"the model files could not be checked{(version.Artifact?.Reason is { } why ? ": " + why : "")}",
                });
            }

            if (run is not null && run.Params.Count == 0)
            {
                gaps.Add("the run logged no parameters");
            }

            if (run is not null && run.Metrics.Count == 0)
            {
                gaps.Add("the run logged no metrics");
            }

            var application = Application(version.ModelId, gaps);
            var broken = application?.Prompts.Any(p => p.State != PromptLinkState.Present) == true
                || runState != RunState.Active || commitState is CommitState.Missing or CommitState.NotRecorded || artifact == ArtifactLinkState.Missing;
            return new ModelTrace
            {
                Model = version.ModelName,
                Version = version.Version,
                Stage = version.Stage,
                Aliases = version.Aliases,
                LoggedModel = version.ModelId,
                RunId = version.RunId,
                RunName = run?.Name,
                RunState = runState,
                Commit = run?.GitCommit,
                CommitState = commitState,
                CommitReachable = reachable,
                EntryPoint = entryPoint,
                EntryPointInCommit = entryPointInCommit,
                Environment = environment,
                EnvironmentSource = environmentSource,
                Data = data,
                Datasets = run?.Datasets.Select(d => $"{d.Name}@{d.Digest}").Distinct().ToList() ?? [],
                Params = run?.Params.Count ?? 0,
                Metrics = run?.Metrics.Count ?? 0,
                Artifact = artifact,
                ArtifactUri = version.Artifact?.Uri ?? version.StorageLocation ?? version.Source,
                ArtifactSource = version.Artifact?.ReadFrom,
                Flavors = version.Artifact?.Flavors ?? [],
                HasSignature = version.Artifact?.State == ModelArtifactState.Found ? version.Artifact.HasSignature : null,
                Verdict = broken ? Verdict.Broken : gaps.Count > 0 ? Verdict.Partial : Verdict.Reproducible,
                Gaps = gaps.ToList(),
                Unchecked = gaps.UncheckedOnes,
                Serving = RegistryFacts.IsServing(version),
                CreatedAt = version.CreationTime,
                Application = application,
            };
        }

        public LoggedApplicationTrace TraceApplication(LoggedModel model)
        {
            var gaps = new GapList();
            var run = model.SourceRunId is { } id ? _runs.GetValueOrDefault(id) : null;
            var runState = model.SourceRunId is null || run is { Lifecycle: not Lifecycle.Deleted } ? RunState.Active : run is null ? RunState.Missing : RunState.Deleted;
            gaps.AddRange(runState switch
            {
                RunState.Missing => [$"its source run {model.SourceRunId} no longer exists in the store (garbage-collected or from another store)"],
                RunState.Deleted => [$"its source run {model.SourceRunId} is deleted"],
                _ => [],
            });
            var application = Application(model.Id, gaps)!;
            var broken = application.Prompts.Any(p => p.State != PromptLinkState.Present) || runState != RunState.Active
                || application.CommitState is CommitState.Missing or CommitState.NotRecorded;
            return new LoggedApplicationTrace
            {
                LoggedModel = model.Id,
                Name = model.Name,
                ExperimentId = model.ExperimentId,
                SourceRunId = model.SourceRunId,
                RunState = runState,
                Application = application,
                Verdict = broken ? Verdict.Broken : gaps.Count > 0 ? Verdict.Partial : Verdict.Reproducible,
                Gaps = gaps.ToList(),
            };
        }

        /// <summary>
        /// The application behind a version whose logged model links prompts, has traces or was evaluated. A linked prompt
        /// version the registry does not hold breaks the trace; no covering evaluation and no recorded commit are gaps.
        /// </summary>
        private ApplicationTrace? Application(string? modelId, GapList gaps)
        {
            if (modelId is null)
            {
                return null;
            }

            var model = store.LoggedModels.FirstOrDefault(m => m.Id == modelId);
            var traces = store.GenAi.TraceGroups.Where(t => t.ModelId == modelId).ToList();
            var links = (model is null ? [] : PromptLinks.OfModel(model)).Concat(traces.SelectMany(t => t.LinkedPrompts))
                .Distinct().OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Version).ToList();
            var serving = new GenAiServing.Version(modelId, modelId, model is null ? new HashSet<PromptRef>() : PromptLinks.OfModel(model).ToHashSet());
            var evaluations = _evaluations.Value
                .Where(e => GenAiServing.Covers(e, serving, store))
                .Select(e => new EvaluationLinkTrace(e.Run.Id, e.Run.Name, e.ModelIds.Contains(modelId, StringComparer.Ordinal) ? "model" : "prompts", e.Scorers, e.TraceCount))
                .OrderBy(e => e.RunId, StringComparer.Ordinal)
                .ToList();
            if (links.Count == 0 && traces.Count == 0 && evaluations.Count == 0)
            {
                return null;
            }

            var prompts = links.Select(link =>
            {
                var prompt = store.GenAi.Prompts.FirstOrDefault(p => p.Name == link.Name);
                var state = prompt is null ? PromptLinkState.Missing : prompt.Versions.Any(v => v.Version == link.Version) ? PromptLinkState.Present : PromptLinkState.MissingVersion;
                gaps.AddRange(state switch
                {
                    PromptLinkState.Missing => [$"prompt {link} is not in the prompt registry"],
                    PromptLinkState.MissingVersion => [$"prompt {link.Name} has no version {link.Version} in the registry"],
                    _ => [],
                });
                var aliases = prompt?.Aliases.Where(a => a.Value == link.Version).Select(a => a.Key).Order(StringComparer.Ordinal).ToList() ?? [];
                return new PromptLinkTrace(link.Name, link.Version, state, aliases);
            }).ToList();
            if (prompts.Count == 0)
            {
                gaps.Add($"the application {modelId} is pinned to no prompt version (no mlflow.linkedPrompts on it or its traces)");
            }

            if (evaluations.Count == 0)
            {
                gaps.Add($"no evaluation run evaluated the application {modelId} or its prompt versions");
            }

            var sourceRun = model?.SourceRunId is { } runId ? _runs.GetValueOrDefault(runId) : null;
            var commit = sourceRun?.GitCommit ?? model?.Tags.GetValueOrDefault(SystemTags.GitCommit);
            var commitState = commit is null ? CommitState.NotRecorded
                : !_commits.TryGetValue(commit, out var resolution) ? CommitState.Unknown
                : resolution.State switch { CommitPresence.Missing => CommitState.Missing, CommitPresence.Unknown => CommitState.Unknown, _ => CommitState.Present };
            if (commit is null)
            {
                gaps.Add($"the application {modelId} records no git commit of its code");
            }
            else if (commitState == CommitState.Missing && sourceRun?.GitCommit is null)
            {
                // The source run's commit has its own gap above; the logged model's own tag only here.
                gaps.Add($"the application's commit {Short(commit)} is not in the repository");
            }

            return new ApplicationTrace
            {
                LoggedModel = modelId,
                Prompts = prompts,
                Evaluations = evaluations,
                Commit = commit,
                CommitState = commitState,
                Traces = traces.Sum(t => t.Count),
            };
        }

        private (CommitState State, bool? Reachable) Commit(Run? run, GapList gaps)
        {
            if (run is null)
            {
                return (CommitState.NotRecorded, null);
            }

            if (run.GitCommit is not { } sha)
            {
                gaps.Add("the run does not record the git commit of its code");
                return (CommitState.NotRecorded, null);
            }

            if (!_commits.TryGetValue(sha, out var resolution))
            {
                gaps.Unchecked($"commit {Short(sha)} could not be checked: {evidence.Commits.Reason ?? "no repository"}");
                return (CommitState.Unknown, null);
            }

            switch (resolution.State)
            {
                case CommitPresence.Missing:
                    gaps.Add($"commit {Short(sha)} is not in the repository (history rewritten or never pushed)");
                    return (CommitState.Missing, null);
                case CommitPresence.Unknown:
                    gaps.Unchecked($"commit {Short(sha)} could not be found: {resolution.Detail ?? ShallowClone.CommitBeyondHistory}");
                    return (CommitState.Unknown, null);
            }

            if (resolution.Reachable == false)
            {
                gaps.Add($"commit {Short(sha)} is not reachable from any branch or tag (it may be garbage-collected)");
            }

            return (CommitState.Present, resolution.Reachable);
        }

        private static bool? EntryPointInCommit(string? entryPoint, CommitContents? contents, CommitState state)
        {
            if (state != CommitState.Present || contents is null || contents.Paths.Count == 0)
            {
                return null;
            }

            var candidates = EntryPoints.Candidates(entryPoint, "");
            return candidates.Count == 0 ? null : FindIn(contents, candidates) is not null;
        }

        /// <summary>The first of <paramref name="names"/> found in the commit, at the root or in any folder.</summary>
        private static string? FindIn(CommitContents contents, IEnumerable<string> names) =>
            names.FirstOrDefault(name => contents.Paths.Any(p => p == name || p.EndsWith("/" + name, StringComparison.Ordinal)));

        private (EnvironmentState, string?) Environment(ModelArtifact? artifact, string? commit, CommitContents? contents, GapList gaps)
        {
            var env = artifact?.State == ModelArtifactState.Found ? artifact.Environment : null;
            if (env is { HasRequirements: true, PinnedShare: { } share })
            {
                if (share >= 1)
                {
                    return (EnvironmentState.Pinned, "requirements.txt beside the model");
                }

                gaps.Add($"the model's requirements.txt pins {share:P0} of its requirements");
                return (EnvironmentState.Unpinned, "requirements.txt beside the model");
            }

            if (contents is not null)
            {
                if (FindIn(contents, LockFiles) is { } lockFile)
                {
                    return (EnvironmentState.Pinned, $"{lockFile} at the commit");
                }

                if (contents.RequirementsPinnedShare.Count > 0)
                {
                    var (file, pinned) = contents.RequirementsPinnedShare.OrderByDescending(r => r.Value).First();
                    if (pinned >= 1)
                    {
                        return (EnvironmentState.Pinned, $"{file} at the commit");
                    }

                    gaps.Add($"{file} at the commit pins {pinned:P0} of its requirements");
                    return (EnvironmentState.Unpinned, $"{file} at the commit");
                }

                if (FindIn(contents, EnvironmentFiles) is { } declared)
                {
                    gaps.Add($"the environment is declared in {declared} at the commit, but its versions are not pinned");
                    return (EnvironmentState.Unpinned, $"{declared} at the commit");
                }
            }

            if (artifact?.State == ModelArtifactState.Missing)
            {
                return (EnvironmentState.Unknown, null);
            }

            if (contents is null && commit is not null)
            {
                gaps.Unchecked($"no pinned environment is beside the model, and commit {Short(commit)} could not be checked for a lock or requirements file");
                return (EnvironmentState.Unknown, null);
            }

            if (env is { HasCondaYaml: true } or { HasPythonEnv: true })
            {
                gaps.Add("the model's environment file lists no pinned requirements");
                return (EnvironmentState.Unpinned, "environment file beside the model");
            }

            if (artifact is null || artifact.State is ModelArtifactState.Remote or ModelArtifactState.Unreadable or ModelArtifactState.Refused)
            {
                gaps.Unchecked("the training environment could not be checked");
                return (EnvironmentState.Unknown, null);
            }

            gaps.Add("no environment file was found beside the model or in the commit");
            return (EnvironmentState.Missing, null);
        }

        private static DataState Data(Run? run, CommitContents? contents, GapList gaps)
        {
            if (run is { Datasets.Count: > 0 })
            {
                return DataState.Logged;
            }

            if (contents is not null && (contents.UsesLfs || contents.Paths.Any(p => p.EndsWith("dvc.lock", StringComparison.Ordinal))))
            {
                return DataState.Versioned;
            }

            if (contents is null && run?.GitCommit is { } sha)
            {
                gaps.Unchecked($"no dataset is logged on the run, and commit {Short(sha)} could not be checked for DVC or LFS data");
                return DataState.Unknown;
            }

            gaps.Add("no training data is recorded: no dataset logged on the run and no DVC or LFS data at the commit");
            return DataState.Missing;
        }

        private static string Short(string sha) => sha.Length > 10 ? sha[..10] : sha;
    }
}
