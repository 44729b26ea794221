using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;

namespace Auditor.Evidence.MLflow.Artifacts.ObjectStores;

/// <summary>
/// How S3 is reached, from the variables the store reader may see (never the process environment directly): the key
/// pair <c>AWS_ACCESS_KEY_ID</c>/<c>AWS_SECRET_ACCESS_KEY</c> (with <c>AWS_SESSION_TOKEN</c>), else the profile
/// <c>AWS_PROFILE</c> of the shared credentials file (<c>AWS_SHARED_CREDENTIALS_FILE</c>, else <c>~/.aws/credentials</c>
/// under <c>HOME</c>); the SDK's own default chain (instance roles, web identity, SSO) only when the operator passed
/// <c>--artifact-credentials</c> (<see cref="Credentials"/> null). The region is <c>AWS_REGION</c>,
/// <c>AWS_DEFAULT_REGION</c> or the profile's; an S3-compatible server is <c>MLFLOW_S3_ENDPOINT_URL</c> (MLflow's),
/// <c>AWS_ENDPOINT_URL_S3</c> or <c>AWS_ENDPOINT_URL</c>, addressed path-style; <c>MLFLOW_S3_IGNORE_TLS=true</c> skips
/// certificate checks.
/// </summary>
internal sealed record S3Settings(AWSCredentials? Credentials, string Region, string? Endpoint, bool IgnoreTls)
{
    public const string Missing =
        "no AWS credentials for S3: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE), or pass --artifact-credentials to use the AWS SDK's default chain (a store the project names sees no credentials without it)";

    /// <summary>The settings, or null with the one-line reason S3 is not read.</summary>
    public static S3Settings? From(Func<string, string?> variables, bool defaultChain, out string? reason)
    {
        reason = null;
        string? profileRegion = null;
        AWSCredentials? credentials = null;
        if (ObjectStoreException.Value(variables, "AWS_ACCESS_KEY_ID") is { } key && ObjectStoreException.Value(variables, "AWS_SECRET_ACCESS_KEY") is { } secret)
        {
            credentials = ObjectStoreException.Value(variables, "AWS_SESSION_TOKEN") is { } token ? new SessionAWSCredentials(key, secret, token) : new BasicAWSCredentials(key, secret);
        }
        else if (ObjectStoreException.Value(variables, "AWS_PROFILE") is { } || ObjectStoreException.Value(variables, "AWS_SHARED_CREDENTIALS_FILE") is { })
        {
            var name = ObjectStoreException.Value(variables, "AWS_PROFILE") ?? "default";
            var path = ObjectStoreException.Value(variables, "AWS_SHARED_CREDENTIALS_FILE")
                       ?? (ObjectStoreException.Value(variables, "HOME") is { } home ? Path.Combine(home, ".aws", "credentials") : null);
            if (path is null || !File.Exists(path))
            {
                reason = $"AWS_PROFILE '{name}' names no readable credentials file ({path ?? "HOME is not set"}); set AWS_SHARED_CREDENTIALS_FILE or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY";
                return null;
            }

            var file = new SharedCredentialsFile(path);
            if (!file.TryGetProfile(name, out var profile) || !AWSCredentialsFactory.TryGetAWSCredentials(profile, file, out credentials))
            {
                reason = $"the AWS profile '{name}' is not in {path} or holds no key pair; set AWS_PROFILE to a profile there, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY";
                return null;
            }

            profileRegion = profile.Region?.SystemName;
        }
        else if (!defaultChain)
        {
            reason = Missing;
            return null;
        }

        var region = ObjectStoreException.Value(variables, "AWS_REGION") ?? ObjectStoreException.Value(variables, "AWS_DEFAULT_REGION") ?? profileRegion ?? "us-east-1";
        var endpoint = ObjectStoreException.Value(variables, "MLFLOW_S3_ENDPOINT_URL") ?? ObjectStoreException.Value(variables, "AWS_ENDPOINT_URL_S3") ?? ObjectStoreException.Value(variables, "AWS_ENDPOINT_URL");
        var ignoreTls = string.Equals(ObjectStoreException.Value(variables, "MLFLOW_S3_IGNORE_TLS"), "true", StringComparison.OrdinalIgnoreCase);
        return new S3Settings(credentials, region, endpoint, ignoreTls);
    }

}
