using System.Net.Http.Headers;
using System.Text;
using Auditor.Core;
using Microsoft.Extensions.Configuration;

namespace Auditor.Evidence.MLflow.Rest;

/// <summary>
/// <c>databricks</c> and <c>databricks://PROFILE</c>, as MLflow reads them: the workspace serves MLflow's REST API at
/// <c>https://HOST/api/2.0/mlflow/...</c> with a bearer token. <c>databricks</c> takes <c>DATABRICKS_HOST</c> and
/// <c>DATABRICKS_TOKEN</c> (or <c>DATABRICKS_USERNAME</c>/<c>DATABRICKS_PASSWORD</c>), else the <c>[DEFAULT]</c> profile;
/// <c>databricks://PROFILE</c> takes that profile of <c>~/.databrickscfg</c> (or <c>DATABRICKS_CONFIG_FILE</c>), whose
/// missing keys come from <c>[DEFAULT]</c> as in Python's configparser.
/// </summary>
internal static class DatabricksWorkspace
{
    public const string Scheme = "databricks";
    private const string DefaultProfile = "DEFAULT";

    public static bool Is(string uri) => uri.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);

    /// <summary>The URI, when it names no profile or a profile; secret-scope URIs (<c>databricks://SCOPE:PREFIX</c>) are refused.</summary>
    public static string CheckUri(string uri)
    {
        var profile = Profile(uri);
        return profile is null || profile.IndexOfAny([':', '@', '/', '?', '#']) < 0 && profile.Length > 0
            ? uri
            : throw new AuditInputException($"tracking URI {UriRedactor.Redact(uri)}: databricks://SCOPE:PREFIX URIs are not supported; use databricks or databricks://PROFILE");
    }

    /// <summary>The workspace address and its credentials.</summary>
    public static (Uri Host, AuthenticationHeaderValue? Authorization) Resolve(string uri, Func<string, string?> variables)
    {
        var profile = Profile(uri);
        if (profile is null && variables("DATABRICKS_HOST") is { Length: > 0 } host)
        {
            return (HostUri(uri, host), Credentials(uri, variables("DATABRICKS_TOKEN"), variables("DATABRICKS_USERNAME"), variables("DATABRICKS_PASSWORD"), "DATABRICKS_TOKEN is not set"));
        }

        var file = variables("DATABRICKS_CONFIG_FILE") is { Length: > 0 } named ? named
            : (variables("HOME") ?? variables("USERPROFILE")) is { Length: > 0 } home ? Path.Combine(home, ".databrickscfg")
            : null;
        if (file is null || !File.Exists(file))
        {
            throw new RestStoreException(profile is null
                ? $"{uri}: no Databricks workspace: set DATABRICKS_HOST and DATABRICKS_TOKEN, or write a [DEFAULT] profile with host and token to ~/.databrickscfg"
                : $"{uri}: no Databricks configuration file {file ?? "~/.databrickscfg"} to take the profile [{profile}] from");
        }

        var config = Read(uri, file);
        var section = profile ?? DefaultProfile;
        if (!config.GetSection(section).Exists())
        {
            throw new RestStoreException($"{uri}: no profile [{section}] in {file}");
        }

        string? Key(string key) => config[$"{section}:{key}"] ?? config[$"{DefaultProfile}:{key}"];
        var configuredHost = Key("host") ?? throw new RestStoreException($"{uri}: the profile [{section}] in {file} has no host");
        return (HostUri(uri, configuredHost), Credentials(uri, Key("token"), Key("username"), Key("password"), $"the profile [{section}] in {file} has no token"));
    }

    private static string? Profile(string uri) => uri.Length > Scheme.Length && uri[Scheme.Length..].StartsWith("://", StringComparison.Ordinal) ? uri[(Scheme.Length + 3)..] : null;

    private static IConfiguration Read(string uri, string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            return new ConfigurationBuilder().AddIniStream(stream).Build();
        }
        catch (FormatException e)
        {
            throw new RestStoreException($"{uri}: {file}: {e.Message.ReplaceLineEndings(" ")}", e);
        }
    }

    private static Uri HostUri(string uri, string host)
    {
        var withScheme = host.Contains("://", StringComparison.Ordinal) ? host : "https://" + host;
        return Uri.TryCreate(withScheme.TrimEnd('/') + "/", UriKind.Absolute, out var parsed) && parsed.Scheme is "https" or "http"
            ? parsed
            : throw new RestStoreException($"{uri}: the Databricks host '{host}' is not an http(s) address");
    }

    private static AuthenticationHeaderValue Credentials(string uri, string? token, string? user, string? password, string missing) =>
        !string.IsNullOrEmpty(token) ? new AuthenticationHeaderValue("Bearer", token)
        : !string.IsNullOrEmpty(user) && password is not null ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")))
        : throw new RestStoreException($"{uri}: {missing}");
}
