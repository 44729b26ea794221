using Auditor.Core;
using Auditor.Core.Evidence;
using Auditor.Core.Tracking;
using Auditor.Evidence.MLflow;

namespace Auditor.Cli;

/// <summary>
/// Which tracking store the audit reads, and what a store the user named must satisfy: one that cannot be opened at all
/// stops the audit (exit 2, one line), where a default or discovered one is reported and the audit goes on.
/// </summary>
internal static class TrackingSelection
{
    public const string RegistryVariable = "MLFLOW_REGISTRY_URI";

    /// <summary>
    /// <c>--tracking-uri</c>, else <c>MLFLOW_TRACKING_URI</c> (both relative to the current folder, as in MLflow), else
    /// the configuration's <c>trackingUri</c> (relative to the configuration file), else MLflow's default in the project
    /// folder, else a store found inside the project.
    /// </summary>
    public static LocatedStore Locate(AuditSettings settings, CliEnvironment environment)
    {
        if (!string.IsNullOrWhiteSpace(settings.TrackingUri))
        {
            return TrackingUriResolver.Named(settings.TrackingUri, environment.CurrentDirectory, TrackingSource.Option);
        }

        if (environment.Variables(TrackingUriResolver.EnvironmentVariable) is { } variable && !string.IsNullOrWhiteSpace(variable))
        {
            return TrackingUriResolver.Named(variable, environment.CurrentDirectory, TrackingSource.Environment);
        }

        if (settings.Config is { TrackingUri: { } configured, Source: { } source } && !string.IsNullOrWhiteSpace(configured))
        {
            return TrackingUriResolver.Named(configured, Path.GetDirectoryName(source)!, TrackingSource.Config);
        }

        return TrackingUriResolver.FindInProject(settings.ProjectPath);
    }

    /// <summary>
    /// MLflow reads registered models from <c>MLFLOW_REGISTRY_URI</c> when it is set, and everything else from the tracking
    /// store; so does the audit: the registry store's registered models and versions replace the tracking store's. The
    /// variable is the operator's (never a project file), so the reader gets the environment's credentials. A registry
    /// that cannot be opened at all stops the audit like a named tracking store; one that reads partly adds its problems.
    /// </summary>
    public static Collected<TrackingStore> ApplyRegistry(Collected<TrackingStore> tracking, LocatedStore located, AuditSettings settings, CliEnvironment environment)
    {
        if (environment.Variables(RegistryVariable) is not { } uri || string.IsNullOrWhiteSpace(uri))
        {
            return tracking;
        }

        var registry = TrackingUriResolver.Parse(uri.Trim(), environment.CurrentDirectory);
        if (located.Location is { } same && same.Kind == registry.Kind && string.Equals(same.Target.TrimEnd('/'), registry.Target.TrimEnd('/'), StringComparison.Ordinal))
        {
            return tracking;
        }

        var read = TrackingStoreReader.Collect(registry, new TrackingReadOptions
        {
            Variables = environment.Variables,
            HttpHandler = environment.HttpHandler,
            ArtifactRoots = settings.ArtifactRoots,
            ProjectPath = settings.ProjectPath,
            Deadline = settings.Timeout,
        });
        if (read.State == CollectionState.Failed && !read.Opened)
        {
            throw new AuditInputException($"model registry {registry.RedactedUri} ({RegistryVariable}): {read.Reason?.ReplaceLineEndings(" ")}");
        }

        if (tracking.Value is not { } store)
        {
            return tracking;
        }

        var problems = read.Value?.Problems ?? [new StoreProblem(registry.RedactedUri, $"the model registry ({RegistryVariable}) could not be read: {read.Reason}")];
        var merged = store with
        {
            RegisteredModels = read.Value?.RegisteredModels ?? [],
            Problems = [.. store.Problems, .. problems],
        };
        // A registry read only in part (or opened, then unreadable) leaves the registry facts unproven: the store is
        // then partly read, so its rules say unknown rather than judge a registry that is not all there.
        return read.State is CollectionState.Partial or CollectionState.Failed
            ? Collected<TrackingStore>.Partial(merged, $"the model registry {registry.RedactedUri} ({RegistryVariable}) was read only in part: {read.Reason}")
            : tracking with { Value = merged };
    }

    /// <summary>
    /// A store the user named that could not be opened at all (missing, not a store, refused, credentials refused, a
    /// server that never answered with success): one line naming it, how it was named, and why. A server that answered
    /// but sent what cannot be read was opened: the audit goes on with its rules unknown, the problem on standard error.
    /// </summary>
    public static void RequireReadable(LocatedStore located, Collected<TrackingStore> tracking, AuditSettings settings)
    {
        if (!located.Choice.IsNamed || tracking.State != CollectionState.Failed || tracking.Opened)
        {
            return;
        }

        var uri = located.Choice.Uri!;
        var reason = tracking.Reason ?? "cannot be read";
        reason = reason.StartsWith(uri + ": ", StringComparison.Ordinal) ? reason[(uri.Length + 2)..] : reason;
        throw new AuditInputException($"tracking store {uri} ({Origin(located.Choice.Source, settings)}): {reason.ReplaceLineEndings(" ")}");
    }

    private static string Origin(TrackingSource source, AuditSettings settings) => source switch
    {
        TrackingSource.Option => "--tracking-uri",
        TrackingSource.Environment => TrackingUriResolver.EnvironmentVariable,
        _ => $"trackingUri in {settings.Config.Source}",
    };
}
