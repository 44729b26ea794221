using Auditor.Core.Assessment;
using Auditor.Core.Rules;

namespace Auditor.Core.Tests;

public sealed class PolicyApplierTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    private static readonly RuleDefinition Deployment = new()
    {
        Id = "MLA-0035", Slug = "deploy", Title = "Deployment is automated", Level = 3, Category = "deployment", Required = true,
        Check = new CompareCondition("deployment.present", ComparisonOperator.EqualTo, FactValue.Of(true)),
    };

    private static readonly RuleDefinition Datasets = new()
    {
        Id = "MLA-0011", Slug = "datasets", Title = "Runs log datasets", Level = 3, Category = "data", Required = true,
        Check = new CompareCondition("runs.datasetShare", ComparisonOperator.AtLeast, FactValue.Of(0.5)),
    };

    private static readonly RuleDefinition Rollback = new()
    {
        Id = "MLA-0016", Slug = "rollback", Title = "A rollback version is kept", Level = 3, Category = "deployment",
        Check = new CompareCondition("registry.rollbackShare", ComparisonOperator.AtLeast, FactValue.Of(1)),
    };

    private static readonly RuleDefinition Collaborate = new()
    {
        Id = "MLA-0101", Slug = "collab", Title = "People collaborate", Level = 2, Category = "process",
        Check = new AttestationCondition(), Attestation = new AttestationSpec("Do people collaborate?"),
    };

    private static readonly RuleDefinition[] Rules = [Deployment, Datasets, Rollback, Collaborate];

    private static GovernedConfig Apply(ProjectConfig config, AuditPolicy? policy = null) =>
        PolicyApplier.Apply(Rules, config with { Source = "/p/.mlaudit.yml", AttestationsFile = "/p/.mlaudit-attestations.yml" }, policy ?? AuditPolicy.Default, Today);

    private static Waiver Waive(string rule, DateOnly expires) => new()
    {
        RuleId = rule, Reason = WaiverReason.AcceptedRisk, Owner = "mallory", Justification = "We deploy by hand.", Expires = expires,
    };

    private static Attestation Attest(DateOnly date, DateOnly expires) =>
        new() { RuleId = "MLA-0101", Answer = AttestationAnswer.Yes, Owner = "carol", Date = date, Expires = expires };

    [Fact]
    public void Required_rules_cannot_be_disabled_by_default_and_others_can()
    {
        var result = Apply(new ProjectConfig { DisabledRules = new HashSet<string> { "MLA-0035", "MLA-0016" } });

        Assert.Equal(["MLA-0016"], result.Config.DisabledRules);
        Assert.Equal("MLA-0035", Assert.Single(result.Refused).Subject);
        Assert.Equal("MLA-0016", Assert.Single(result.Allowed).Subject);
        Assert.Contains(result.Problems, p => p.StartsWith("/p/.mlaudit.yml: ", StringComparison.Ordinal) && p.Contains("MLA-0035 is required for level 3"));
    }

    [Fact]
    public void A_category_that_holds_a_required_rule_cannot_be_disabled_unless_allowed()
    {
        var config = new ProjectConfig { DisabledCategories = new HashSet<string> { "deployment", "process" } };

        var byDefault = Apply(config);
        var allowed = Apply(config, new AuditPolicy { AllowedCategories = new HashSet<string> { "deployment" } });

        Assert.Equal(["process"], byDefault.Config.DisabledCategories);
        Assert.Contains("MLA-0035", Assert.Single(byDefault.Refused).Detail);
        Assert.Equal(["deployment", "process"], allowed.Config.DisabledCategories.Order());
        Assert.Empty(allowed.Refused);
    }

    [Fact]
    public void Policy_may_protect_more_rules_and_categories_or_none()
    {
        var config = new ProjectConfig { DisabledRules = new HashSet<string> { "MLA-0035", "MLA-0016" }, DisabledCategories = new HashSet<string> { "process" } };

        var more = Apply(config, new AuditPolicy { ProtectedRules = new HashSet<string> { "MLA-0016" }, ProtectedCategories = new HashSet<string> { "process" } });
        var none = Apply(config, new AuditPolicy { ProtectRequired = false });

        Assert.Empty(more.Config.DisabledRules);
        Assert.Empty(more.Config.DisabledCategories);
        Assert.Equal(3, more.Refused.Count);
        Assert.Equal(["MLA-0016", "MLA-0035"], none.Config.DisabledRules.Order());
        Assert.Empty(none.Refused);
    }

    [Theory]
    [InlineData(0.9, true)]
    [InlineData(0.5, true)]
    [InlineData(0.1, false)]
    public void Threshold_on_a_required_rule_applies_only_when_not_weaker(double value, bool applies)
    {
        var config = new ProjectConfig
        {
            Thresholds = new Dictionary<string, IReadOnlyDictionary<string, double>> { ["MLA-0011"] = new Dictionary<string, double> { ["runs.datasetShare"] = value } },
        };

        var result = Apply(config);

        Assert.Equal(applies, result.Config.Thresholds.ContainsKey("MLA-0011"));
        Assert.Equal(applies ? 0 : 1, result.Refused.Count);
        Assert.Equal(applies ? 1 : 0, result.Allowed.Count);
    }

    [Theory]
    [InlineData(ComparisonOperator.AtLeast, false, 0.95, true)]
    [InlineData(ComparisonOperator.AtLeast, false, 0.8, false)]
    [InlineData(ComparisonOperator.Above, false, 0.95, true)]
    [InlineData(ComparisonOperator.AtMost, false, 0.1, true)]
    [InlineData(ComparisonOperator.AtMost, false, 0.3, false)]
    [InlineData(ComparisonOperator.Below, false, 0.3, false)]
    [InlineData(ComparisonOperator.AtLeast, true, 0.95, false)]
    [InlineData(ComparisonOperator.AtLeast, true, 0.8, true)]
    [InlineData(ComparisonOperator.EqualTo, false, 0.95, false)]
    [InlineData(ComparisonOperator.NotEqualTo, false, 0.95, false)]
    public void Strictness_follows_the_operator_and_flips_under_not(ComparisonOperator op, bool negated, double value, bool noWeaker)
    {
        Condition compare = new CompareCondition("x", op, FactValue.Of(0.9 - (op is ComparisonOperator.AtMost or ComparisonOperator.Below ? 0.7 : 0)));
        Condition check = new AllCondition([new CompareCondition("other", ComparisonOperator.AtLeast, FactValue.Of(1)), negated ? new NotCondition(compare) : compare]);

        Assert.Equal(noWeaker, ThresholdStrictness.IsNoWeaker(check, "x", value));
    }

    [Fact]
    public void A_number_for_a_boolean_comparison_counts_as_weaker()
    {
        Assert.False(ThresholdStrictness.IsNoWeaker(Deployment.Check, "deployment.present", 0));
    }

    [Fact]
    public void Waiver_longer_than_the_maximum_is_refused_and_one_at_the_maximum_applies()
    {
        var config = new ProjectConfig { Waivers = [Waive("MLA-0035", Today.AddDays(365)), Waive("MLA-0011", Today.AddDays(366)), Waive("MLA-0016", new DateOnly(9999, 12, 31))] };

        var result = Apply(config);

        Assert.Equal(["MLA-0035"], result.Config.Waivers.Select(w => w.RuleId));
        Assert.Equal(["MLA-0011", "MLA-0016"], result.Refused.Select(r => r.Subject));
        Assert.Contains("9999-12-31", result.Refused[1].Detail);
    }

    [Fact]
    public void Policy_without_project_waivers_or_attestations_refuses_every_one()
    {
        var config = new ProjectConfig { Waivers = [Waive("MLA-0016", Today.AddDays(10))], Attestations = [Attest(Today.AddDays(-1), Today.AddDays(30))] };

        var result = Apply(config, new AuditPolicy { ProjectWaivers = false, ProjectAttestations = false });

        Assert.Empty(result.Config.Waivers);
        Assert.Empty(result.Config.Attestations);
        Assert.Equal([PolicyDecisionKind.Waiver, PolicyDecisionKind.Attestation], result.Refused.Select(r => r.Kind));
        Assert.Contains(result.Problems, p => p.StartsWith("/p/.mlaudit-attestations.yml: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Attestation_dated_after_the_audit_day_or_lasting_too_long_is_refused()
    {
        var config = new ProjectConfig { Attestations = [Attest(Today.AddDays(1), Today.AddDays(30)), Attest(Today, Today.AddDays(400)), Attest(Today, Today.AddDays(180))] };

        var result = Apply(config);

        Assert.Equal(Today.AddDays(180), Assert.Single(result.Config.Attestations).Expires);
        Assert.Contains("after the audit day", result.Refused[0].Detail);
        Assert.Contains("more than 365 days", result.Refused[1].Detail);
    }

    [Fact]
    public void Expired_waivers_and_attestations_are_not_listed_as_allowed()
    {
        var config = new ProjectConfig { Waivers = [Waive("MLA-0016", Today.AddDays(-1))], Attestations = [Attest(Today.AddDays(-200), Today.AddDays(-20))] };

        var result = Apply(config);

        Assert.Single(result.Config.Waivers);
        Assert.Single(result.Config.Attestations);
        Assert.Empty(result.Allowed);
        Assert.Empty(result.Refused);
    }
}
