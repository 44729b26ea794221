using System.Text;

namespace Auditor.Core.Facts;

/// <summary>
/// Every credential value this process holds: the secret environment variables MLflow, Databricks, the database
/// clients and the cloud SDKs read, the passwords, tokens and secret values in the URIs it was given (tracking,
/// registry and database URIs, connection strings), and the base64 of each <c>user:password</c> pair, which is what
/// basic authentication sends.
/// </summary>
public static class KnownCredentials
{
    /// <summary>Variables whose whole value is a secret.</summary>
    public static readonly IReadOnlyList<string> SecretVariables =
    [
        "MLFLOW_TRACKING_PASSWORD", "MLFLOW_TRACKING_TOKEN", "MLFLOW_TRACKING_CLIENT_SECRET", "DATABRICKS_TOKEN", "DATABRICKS_CLIENT_SECRET", "DATABRICKS_PASSWORD",
        "PGPASSWORD", "MYSQL_PWD", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AZURE_STORAGE_ACCESS_KEY", "AZURE_STORAGE_KEY", "AZURE_STORAGE_SAS_TOKEN",
        "AZURE_CLIENT_SECRET", "GITHUB_TOKEN", "GH_TOKEN", "HF_TOKEN",
    ];

    /// <summary>Variables that hold URIs or connection strings with credentials in them.</summary>
    public static readonly IReadOnlyList<string> UriVariables =
    [
        "MLFLOW_TRACKING_URI", "MLFLOW_REGISTRY_URI", "MLFLOW_ARTIFACT_URI", "DATABASE_URL", "AZURE_STORAGE_CONNECTION_STRING",
    ];

    /// <summary>Variables naming a user whose password (above) basic authentication pairs it with.</summary>
    public static readonly IReadOnlyList<string> UserVariables = ["MLFLOW_TRACKING_USERNAME", "DATABRICKS_USERNAME"];

    /// <summary>The credentials in the environment and in <paramref name="texts"/> (command-line arguments, configured URIs).</summary>
    public static IReadOnlyList<string> From(Func<string, string?> variables, IEnumerable<string?> texts)
    {
        var secrets = new List<string>();
        var users = new List<string>();
        var passwords = new List<string>();
        foreach (var name in SecretVariables)
        {
            if (variables(name) is { Length: > 0 } value)
            {
                secrets.Add(value);
                passwords.Add(value);
            }
        }

        users.AddRange(UserVariables.Select(variables).OfType<string>().Where(u => u.Length > 0));
        foreach (var text in UriVariables.Select(variables).Concat(texts).OfType<string>())
        {
            foreach (var (user, password) in UriCredentials.UserInfos(text))
            {
                users.Add(user);
                if (password is not null)
                {
                    passwords.Add(password);
                    secrets.Add(password);
                }
            }

            secrets.AddRange(UriCredentials.SecretValues(text).SelectMany(v => new[] { v, Unescaped(v) }));
        }

        foreach (var user in users.Distinct(StringComparer.Ordinal))
        {
            secrets.AddRange(passwords.Distinct(StringComparer.Ordinal).Select(p => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{p}"))));
        }

        secrets.AddRange(secrets.Select(Uri.EscapeDataString).ToList());
        return secrets.Distinct(StringComparer.Ordinal).ToList();
    }

    private static string Unescaped(string value)
    {
        try
        {
            return Uri.UnescapeDataString(value);
        }
        catch (UriFormatException)
        {
            return value;
        }
    }
}
