using Auditor.Core.Assessment;
using Auditor.Reporting;

namespace Auditor.Cli.Tests;

/// <summary>The policy on a trackingUri the project's configuration names, decided before the store is located.</summary>
public sealed class ProjectTrackingUriTests
{
    private static GovernedConfig Govern(string uri, ProjectTrackingUriUse use = ProjectTrackingUriUse.Anonymous, bool operatorNamed = false)
    {
        var settings = new AuditSettings
        {
            ProjectPath = "/work/churn",
            Formats = [ReportFormat.Json],
            OutputDirectory = "/tmp/out",
            Config = new ProjectConfig { Source = "/work/churn/.mlaudit.yml", TrackingUri = uri },
            Policy = new AuditPolicy { ProjectTrackingUri = use },
        };
        return ProjectTrackingUri.Govern(settings, new CredentialScope(operatorNamed));
    }

    [Theory]
    [InlineData("sqlite:///mlflow.db", ProjectTrackingUriUse.Anonymous, true)]
    [InlineData("weeks/02/mlruns", ProjectTrackingUriUse.Local, true)]
    [InlineData("sqlite:///../other/mlflow.db", ProjectTrackingUriUse.Anonymous, false)]
    [InlineData("/etc/mlruns", ProjectTrackingUriUse.Anonymous, false)]
    [InlineData("https://mlflow.attacker.example", ProjectTrackingUriUse.Anonymous, true)]
    [InlineData("https://mlflow.attacker.example", ProjectTrackingUriUse.Local, false)]
    [InlineData("sqlite:///mlflow.db", ProjectTrackingUriUse.Ignore, false)]
    [InlineData("s3://not-a-tracking-scheme", ProjectTrackingUriUse.Ignore, false)]
    [InlineData("postgresql://ci@db.attacker.example/mlflow", ProjectTrackingUriUse.Anonymous, false)]
    [InlineData("postgresql://ci:own-password@db.example/mlflow", ProjectTrackingUriUse.Anonymous, true)]
    [InlineData("mysql://ci@db.example/mlflow", ProjectTrackingUriUse.Anonymous, true)]
    public void Project_named_uri_is_used_or_refused(string uri, ProjectTrackingUriUse use, bool used)
    {
        var result = Govern(uri, use);

        Assert.Equal(used ? uri : null, result.Config.TrackingUri);
        Assert.Equal(used ? 1 : 0, result.Allowed.Count);
        Assert.Equal(used ? 0 : 1, result.Refused.Count);
        Assert.Equal(used ? 0 : 1, result.Problems.Count(p => p.StartsWith("/work/churn/.mlaudit.yml: refused by the operator's policy: trackingUri ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Refused_uri_shows_without_its_credentials()
    {
        var result = Govern("https://alice:hunter2@mlflow.example", ProjectTrackingUriUse.Local);

        Assert.DoesNotContain("hunter2", Assert.Single(result.Refused).Subject + result.Refused[0].Detail + string.Concat(result.Problems));
    }

    [Fact]
    public void When_the_operator_named_the_store_the_configuration_is_not_consulted()
    {
        var result = Govern("https://mlflow.attacker.example", ProjectTrackingUriUse.Ignore, operatorNamed: true);

        Assert.Empty(result.Allowed);
        Assert.Empty(result.Refused);
    }
}
