using Auditor.Core.Assessment;
using Auditor.Core.Rules;
using Auditor.Core.Scoring;

namespace Auditor.Core.Tests;

public sealed class AssessmentApplierTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    private static readonly RuleDefinition Attestable = new()
    {
        Id = "MLA-0101", Slug = "collab", Title = "People collaborate", Level = 2, Category = "process", Required = true,
        Check = new AttestationCondition(), Attestation = new AttestationSpec("Do people collaborate?"),
    };

    private static readonly RuleDefinition Automated = new()
    {
        Id = "MLA-0003", Slug = "commit", Title = "Runs record commits", Level = 2, Category = "tracking", Required = true,
        Check = new CompareCondition("runs.gitCommitShare", ComparisonOperator.AtLeast, FactValue.Of(0.9)),
    };

    private static readonly MaturityPolicy Policy = new() { Levels = Enumerable.Range(0, 5).Select(l => new MaturityLevel(l, $"L{l}", "")).ToList() };

    private static Attestation Attest(AttestationAnswer answer, DateOnly expires, string rule = "MLA-0101") =>
        new() { RuleId = rule, Answer = answer, Owner = "carol", Date = Today.AddDays(-10), Expires = expires };

    private static Waiver Waive(DateOnly expires, string rule = "MLA-0003") => new()
    {
        RuleId = rule, Reason = WaiverReason.RemediationPlanned, Owner = "alice", Justification = "Lands with ML-42.", Expires = expires,
    };

    private static IReadOnlyList<Finding> Evaluate(double commitShare) =>
        RuleEvaluator.EvaluateAll([Attestable, Automated], new FactSheet([Fact.Known("runs.gitCommitShare", FactValue.Of(commitShare))]));

    [Fact]
    public void Without_an_attestation_the_criterion_is_unknown_and_says_how_to_answer_it()
    {
        var finding = Evaluate(1).Single(f => f.RuleId == "MLA-0101");

        Assert.Equal(Outcome.Unknown, finding.Outcome);
        Assert.Contains("mlaudit assess", finding.Message);
    }

    [Fact]
    public void Active_yes_attestation_passes_as_attested_with_half_credit()
    {
        var config = new ProjectConfig { Attestations = [Attest(AttestationAnswer.Yes, Today.AddDays(30))] };

        var result = AssessmentApplier.Apply([Attestable, Automated], Evaluate(1), config, Today);
        var finding = result.Findings.Single(f => f.RuleId == "MLA-0101");
        var card = Scorer.Score(Policy, result.Findings);

        Assert.Equal(Outcome.Pass, finding.Outcome);
        Assert.Equal(Basis.Attested, finding.Basis);
        Assert.Equal(ApprovalState.Active, finding.Attestation!.State);
        Assert.Contains("Attested 'yes' by carol", finding.Message);
        Assert.Equal(50, card.Categories.Single(c => c.Category == "process").Score);
        Assert.Equal(1, card.Categories.Single(c => c.Category == "process").Attested);
        Assert.Equal(LevelStatus.CriteriaMet, card.Levels.Single(l => l.Level == 2).Status);
        Assert.Equal(1, card.Levels.Single(l => l.Level == 2).Attested);
    }

    [Fact]
    public void Expired_attestation_counts_for_nothing_but_is_shown()
    {
        var config = new ProjectConfig { Attestations = [Attest(AttestationAnswer.Yes, Today.AddDays(-1))] };

        var finding = AssessmentApplier.Apply([Attestable, Automated], Evaluate(1), config, Today).Findings.Single(f => f.RuleId == "MLA-0101");

        Assert.Equal(Outcome.Unknown, finding.Outcome);
        Assert.Equal(ApprovalState.Expired, finding.Attestation!.State);
        Assert.Contains("expired on 2026-11-26", finding.Message);
    }

    [Fact]
    public void Attestation_cannot_replace_evidence_for_a_rule_that_does_not_allow_it()
    {
        var config = new ProjectConfig { Attestations = [Attest(AttestationAnswer.Yes, Today.AddDays(30), rule: "MLA-0003")] };

        var result = AssessmentApplier.Apply([Attestable, Automated], Evaluate(0.1), config, Today);

        Assert.Equal(Outcome.Fail, result.Findings.Single(f => f.RuleId == "MLA-0003").Outcome);
        Assert.Contains(result.Problems, p => p.Contains("rule MLA-0003 cannot be attested"));
    }

    [Fact]
    public void Active_waiver_keeps_the_failure_visible_but_unblocks_the_level()
    {
        var config = new ProjectConfig { Waivers = [Waive(Today.AddDays(30))], Attestations = [Attest(AttestationAnswer.Yes, Today.AddDays(30))] };

        var result = AssessmentApplier.Apply([Attestable, Automated], Evaluate(0.1), config, Today);
        var finding = result.Findings.Single(f => f.RuleId == "MLA-0003");
        var level2 = Scorer.Score(Policy, result.Findings).Levels.Single(l => l.Level == 2);

        Assert.Equal(Outcome.Fail, finding.Outcome);
        Assert.True(finding.IsWaived);
        Assert.Equal(WaiverReason.RemediationPlanned, finding.Waiver!.Reason);
        Assert.Empty(level2.Blocking);
        Assert.Equal(1, level2.Waived);
    }

    [Fact]
    public void Expired_waiver_stops_applying_and_is_reported()
    {
        var config = new ProjectConfig { Waivers = [Waive(Today.AddDays(-3))] };

        var result = AssessmentApplier.Apply([Attestable, Automated], Evaluate(0.1), config, Today);
        var finding = result.Findings.Single(f => f.RuleId == "MLA-0003");

        Assert.False(finding.IsWaived);
        Assert.Equal(ApprovalState.Expired, finding.Waiver!.State);
        Assert.Contains(result.Problems, p => p.Contains("waiver for MLA-0003 expired on 2026-11-24"));
        Assert.Contains("MLA-0003", Scorer.Score(Policy, result.Findings).Levels.Single(l => l.Level == 2).Blocking);
    }

    [Fact]
    public void Waiver_for_an_unknown_rule_is_reported_not_applied()
    {
        var config = new ProjectConfig { Source = ".mlaudit.yml", Waivers = [Waive(Today.AddDays(3), rule: "MLA-9999")] };

        var result = AssessmentApplier.Apply([Attestable, Automated], Evaluate(0.1), config, Today);

        Assert.Contains(".mlaudit.yml: waiver for unknown rule MLA-9999 ignored", result.Problems);
        Assert.All(result.Findings, f => Assert.Null(f.Waiver));
    }
}
