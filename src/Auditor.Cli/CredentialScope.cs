using Auditor.Evidence.MLflow;

namespace Auditor.Cli;

/// <summary>
/// Which of the environment's credentials the store reader may use, decided before the store is located: all of them
/// when the operator named the store (<c>--tracking-uri</c> or <c>MLFLOW_TRACKING_URI</c>); none when the store comes
/// from the project (its configuration's <c>trackingUri</c>, or a store found in the project folder), since a pull
/// request can edit those. A withheld variable reads as absent. (Npgsql itself reads the process's <c>PGPASSWORD</c> and
/// <c>~/.pgpass</c> when a connection has no password, which no filter here can stop: <see cref="ProjectTrackingUri"/>
/// refuses a PostgreSQL URI the project names without a password of its own.)
/// </summary>
internal sealed record CredentialScope(bool OperatorNamedStore)
{
    /// <summary>Credentials by name; any variable whose name holds TOKEN, PASSWORD, PWD, SECRET, CREDENTIAL or KEY is withheld too.</summary>
    public static readonly IReadOnlySet<string> Withheld = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "MLFLOW_TRACKING_USERNAME", "MLFLOW_TRACKING_PASSWORD", "MLFLOW_TRACKING_TOKEN", "MLFLOW_TRACKING_CLIENT_CERT_PATH",
        "DATABRICKS_HOST", "DATABRICKS_TOKEN", "DATABRICKS_USERNAME", "DATABRICKS_PASSWORD", "DATABRICKS_CLIENT_ID", "DATABRICKS_CLIENT_SECRET",
        "DATABRICKS_CONFIG_FILE", "DATABRICKS_CONFIG_PROFILE",
        "PGPASSWORD", "PGPASSFILE", "PGSSLCERT", "PGSSLKEY", "MYSQL_PWD", "HOME", "USERPROFILE",
    };

    private static readonly string[] SecretWords = ["TOKEN", "PASSWORD", "PWD", "SECRET", "CREDENTIAL", "KEY"];

    public static CredentialScope For(AuditSettings settings, CliEnvironment environment) =>
        new(!string.IsNullOrWhiteSpace(settings.TrackingUri) || !string.IsNullOrWhiteSpace(environment.Variables(TrackingUriResolver.EnvironmentVariable)));

    /// <summary>The variables the store reader sees.</summary>
    public Func<string, string?> Filter(Func<string, string?> variables) =>
        OperatorNamedStore ? variables : name => IsCredential(name) ? null : variables(name);

    public static bool IsCredential(string name) =>
        Withheld.Contains(name) || SecretWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase));
}
