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
    /// MLflow reads registered models from <c>MLFLOW_REGISTRY_URI</c> when it is set. mlaudit reads them from the tracking
    /// store, so a registry URI naming another store is refused rather than answered from the wrong one.
    /// </summary>
    public static void CheckRegistry(LocatedStore located, CliEnvironment environment)
    {
        if (environment.Variables(RegistryVariable) is not { } registry || string.IsNullOrWhiteSpace(registry))
        {
            return;
        }

        var named = TrackingUriResolver.Parse(registry.Trim(), environment.CurrentDirectory);
        if (located.Location is { } tracking && tracking.Kind == named.Kind && string.Equals(tracking.Target.TrimEnd('/'), named.Target.TrimEnd('/'), StringComparison.Ordinal))
        {
            return;
        }

        var store = located.Location is { } location ? $"the tracking store {location.RedactedUri}" : "a tracking store (there is none)";
        throw new AuditInputException(
            $"{RegistryVariable} {named.RedactedUri} is not {store}: mlaudit reads registered models from the tracking store only (unset {RegistryVariable}, or audit that store with --tracking-uri)");
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
