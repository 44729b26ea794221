using Auditor.Core;
using Auditor.Evidence.MLflow.Rest;
using Auditor.Testing;

namespace Auditor.Evidence.MLflow.Tests;

/// <summary>databricks URIs: where the workspace and its token come from, as in MLflow.</summary>
public sealed class DatabricksWorkspaceTests
{
    [Fact]
    public void Environment_variables_win_for_a_uri_without_a_profile_and_a_bare_host_means_https()
    {
        var variables = new Dictionary<string, string> { ["DATABRICKS_HOST"] = "adb-1.azuredatabricks.net", ["DATABRICKS_TOKEN"] = "dapi1" };

        var (host, authorization) = DatabricksWorkspace.Resolve("databricks", variables.GetValueOrDefault);

        Assert.Equal("https://adb-1.azuredatabricks.net/", host.ToString());
        Assert.Equal("Bearer dapi1", authorization!.ToString());
    }

    [Fact]
    public void A_profile_takes_missing_keys_from_DEFAULT_as_configparser_does()
    {
        using var home = new TempFolder();
        File.WriteAllText(home.Combine("cfg"), "[DEFAULT]\ntoken = shared-token\n\n[staging]\nhost = https://staging.cloud.databricks.com\n");
        var variables = new Dictionary<string, string> { ["DATABRICKS_CONFIG_FILE"] = home.Combine("cfg") };

        var (host, authorization) = DatabricksWorkspace.Resolve("databricks://staging", variables.GetValueOrDefault);

        Assert.Equal("https://staging.cloud.databricks.com/", host.ToString());
        Assert.Equal("Bearer shared-token", authorization!.ToString());
    }

    [Fact]
    public void A_profile_without_a_token_is_one_line_naming_the_file()
    {
        using var home = new TempFolder();
        File.WriteAllText(home.Combine(".databrickscfg"), "[ci]\nhost = https://ci.cloud.databricks.com\n");

        var error = Assert.Throws<RestStoreException>(() => DatabricksWorkspace.Resolve("databricks://ci", new Dictionary<string, string> { ["HOME"] = home.Path }.GetValueOrDefault));

        Assert.Equal($"databricks://ci: the profile [ci] in {home.Combine(".databrickscfg")} has no token", error.Message);
    }

    [Theory]
    [InlineData("databricks://scope:prefix")]
    [InlineData("databricks://user:secret@host")]
    [InlineData("databricks://")]
    public void Secret_scope_uris_are_refused_without_showing_credentials(string uri)
    {
        var error = Assert.Throws<AuditInputException>(() => TrackingUriResolver.Parse(uri, "/"));

        Assert.Contains("not supported", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(":secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Databricks_is_a_REST_store_never_a_folder()
    {
        var location = TrackingUriResolver.Parse("databricks", "/some/folder");

        Assert.Equal((Core.Tracking.TrackingStoreKind.Rest, "databricks", "databricks"), (location.Kind, location.RedactedUri, location.Target));
    }
}
