using Auditor.Core.Assessment;
using Auditor.Core.Tracking;
using Auditor.Evidence.MLflow;

namespace Auditor.Cli;

/// <summary>
/// The operator's policy on a <c>trackingUri</c> the project's configuration names (used only when the operator named
/// no store): a file or SQLite store inside the project is used; one outside the project is refused; a remote one is
/// used without the environment's credentials (see <see cref="CredentialScope"/>), unless the policy says
/// <c>local</c> or <c>ignore</c>; a PostgreSQL one only with a password of its own, since Npgsql reads the process's
/// <c>PGPASSWORD</c> and <c>~/.pgpass</c> itself. A refused URI is dropped, so the store is found as if the configuration named none.
/// </summary>
internal static class ProjectTrackingUri
{
    public static GovernedConfig Govern(AuditSettings settings, CredentialScope scope)
    {
        var config = settings.Config;
        if (scope.OperatorNamedStore || config is not { TrackingUri: { } configured, Source: { } source } || string.IsNullOrWhiteSpace(configured))
        {
            return new GovernedConfig(config, [], [], []);
        }

        if (settings.Policy.ProjectTrackingUri == ProjectTrackingUriUse.Ignore)
        {
            return Refuse(config, source, UriRedactor.Redact(configured.Trim()), "the operator's policy ignores a trackingUri the project names");
        }

        var location = TrackingUriResolver.Parse(configured.Trim(), Path.GetDirectoryName(source)!);
        var local = location.Kind is TrackingStoreKind.File or TrackingStoreKind.Sqlite;
        var refusal = local && !IsInside(location.Target, settings.ProjectPath) ? "it names a local store outside the project folder"
            : !local && settings.Policy.ProjectTrackingUri == ProjectTrackingUriUse.Local ? "it names a remote store, and the operator's policy accepts only a local store inside the project"
            : location.Kind == TrackingStoreKind.Postgresql && !HasOwnPassword(configured) ? "it names a PostgreSQL store without a password of its own, and Npgsql would take one from the environment (PGPASSWORD, ~/.pgpass)"
            : null;
        if (refusal is null)
        {
            var detail = local ? "a local store inside the project" : "used without the environment's credentials (the operator named no store)";
            return new GovernedConfig(config, [new PolicyDecision(PolicyDecisionKind.TrackingUri, location.RedactedUri, detail)], [], []);
        }

        return Refuse(config, source, location.RedactedUri, refusal);
    }

    private static GovernedConfig Refuse(ProjectConfig config, string source, string redactedUri, string refusal)
    {
        var refused = new PolicyDecision(PolicyDecisionKind.TrackingUri, redactedUri, $"trackingUri {redactedUri}: {refusal}; the store is found as if none were named");
        return new GovernedConfig(config with { TrackingUri = null }, [], [refused], [$"{source}: refused by the operator's policy: {refused.Detail}"]);
    }

    /// <summary>A password in the URI's user info or its <c>password</c> parameter; Npgsql then reads none of the environment's.</summary>
    private static bool HasOwnPassword(string uri) =>
        (Uri.TryCreate(uri.Trim(), UriKind.Absolute, out var parsed) && parsed.UserInfo.IndexOf(':') is var colon && colon >= 0 && colon < parsed.UserInfo.Length - 1)
        || uri.Contains("password=", StringComparison.OrdinalIgnoreCase);

    private static bool IsInside(string path, string folder)
    {
        var relative = Path.GetRelativePath(folder, path);
        return !Path.IsPathRooted(relative) && relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }
}
