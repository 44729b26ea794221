namespace Auditor.Cli.Tests;

public sealed class CredentialScopeTests
{
    private static readonly Dictionary<string, string> Environment = new()
    {
        ["MLFLOW_TRACKING_TOKEN"] = "t", ["MLFLOW_TRACKING_USERNAME"] = "u", ["MLFLOW_TRACKING_PASSWORD"] = "p", ["DATABRICKS_TOKEN"] = "d",
        ["DATABRICKS_HOST"] = "https://x.cloud.databricks.com", ["PGPASSWORD"] = "pg", ["PGPASSFILE"] = "/run/pgpass", ["MYSQL_PWD"] = "my",
        ["AWS_SECRET_ACCESS_KEY"] = "aws", ["AZURE_STORAGE_ACCESS_KEY"] = "az", ["HOME"] = "/home/ci",
        ["MLFLOW_HTTP_REQUEST_TIMEOUT"] = "5", ["MLFLOW_TRACKING_SERVER_CERT_PATH"] = "/etc/ca.pem", ["PGHOST"] = "db", ["USER"] = "ci",
    };

    [Fact]
    public void A_store_the_project_names_sees_none_of_the_environments_credentials()
    {
        var seen = new CredentialScope(OperatorNamedStore: false).Filter(Environment.GetValueOrDefault);

        foreach (var name in new[] { "MLFLOW_TRACKING_TOKEN", "MLFLOW_TRACKING_USERNAME", "MLFLOW_TRACKING_PASSWORD", "DATABRICKS_TOKEN", "DATABRICKS_HOST", "PGPASSWORD", "PGPASSFILE", "MYSQL_PWD", "AWS_SECRET_ACCESS_KEY", "AZURE_STORAGE_ACCESS_KEY", "HOME" })
        {
            Assert.True(seen(name) is null, $"{name} reached a store the project named");
        }

        Assert.Equal(("5", "/etc/ca.pem", "db", "ci"), (seen("MLFLOW_HTTP_REQUEST_TIMEOUT"), seen("MLFLOW_TRACKING_SERVER_CERT_PATH"), seen("PGHOST"), seen("USER")));
    }

    [Fact]
    public void A_store_the_operator_names_sees_the_environment_as_it_is()
    {
        var seen = new CredentialScope(OperatorNamedStore: true).Filter(Environment.GetValueOrDefault);

        Assert.All(Environment, pair => Assert.Equal(pair.Value, seen(pair.Key)));
    }
}
