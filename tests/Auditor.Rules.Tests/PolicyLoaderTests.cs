using Auditor.Core.Assessment;
using Auditor.Testing;

namespace Auditor.Rules.Tests;

public sealed class PolicyLoaderTests
{
    [Fact]
    public void The_READMEs_complete_example_loads_and_states_the_defaults()
    {
        var readme = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "README.md"));
        var start = readme.IndexOf("```yaml\napiVersion: mlaudit/v1\nkind: Policy\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "README has no complete policy example");
        var body = readme[(start + "```yaml\n".Length)..];
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("policy.yml"), body[..body.IndexOf("```", StringComparison.Ordinal)]);

        var policy = PolicyLoader.Load(folder.Combine("policy.yml"), "--policy");

        Assert.Equal(AuditPolicy.Default with { Source = "--policy", File = folder.Combine("policy.yml"), ProtectedRules = policy.ProtectedRules, ProtectedCategories = policy.ProtectedCategories, AllowedRules = policy.AllowedRules, AllowedCategories = policy.AllowedCategories }, policy);
        Assert.Empty(policy.ProtectedRules.Concat(policy.ProtectedCategories).Concat(policy.AllowedRules).Concat(policy.AllowedCategories));
    }

    [Fact]
    public void Every_setting_is_read()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("policy.yml"), """
            apiVersion: mlaudit/v1
            kind: Policy
            waivers: { allowed: false, maxDays: 30 }
            attestations: { allowed: false, maxDays: 90 }
            rules:
              protectRequired: false
              protect: [MLA-0021]
              protectCategories: [security]
              allow: [MLA-0036]
              allowCategories: [monitoring]
            trackingUri: ignore
            """);

        var policy = PolicyLoader.Load(folder.Combine("policy.yml"), "MLAUDIT_POLICY");

        Assert.Equal((false, 30, false, 90, false), (policy.ProjectWaivers, policy.MaxWaiverDays, policy.ProjectAttestations, policy.MaxAttestationDays, policy.ProtectRequired));
        Assert.Equal("MLA-0021 security MLA-0036 monitoring", string.Join(' ', policy.ProtectedRules.Concat(policy.ProtectedCategories).Concat(policy.AllowedRules).Concat(policy.AllowedCategories)));
        Assert.Equal((ProjectTrackingUriUse.Ignore, "MLAUDIT_POLICY"), (policy.ProjectTrackingUri, policy.Source));
    }

    [Theory]
    [InlineData("rules:\n  allow: [deploy]\n", 4, "'allow[0]' under 'rules' must be a rule id like MLA-0003")]
    [InlineData("waivers:\n  maxDays: -1\n", 4, "'maxDays' under 'waivers' must be a whole number of at least 0")]
    [InlineData("trackingUri: trusted\n", 3, "'trackingUri' must be one of: anonymous, local, ignore")]
    [InlineData("waivers:\n  maxdays: 30\n", 4, "unknown key 'maxdays' under 'waivers' (did you mean 'maxDays'?)")]
    public void Invalid_policy_names_the_file_and_line(string extra, int line, string problem)
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("policy.yml"), "apiVersion: mlaudit/v1\nkind: Policy\n" + extra);

        var error = Assert.Throws<RuleFileException>(() => PolicyLoader.Load(folder.Combine("policy.yml"), "--policy"));

        Assert.Equal($"{folder.Combine("policy.yml")}:{line}: {problem}", error.Message);
    }
}
