using System.CommandLine;
using Auditor.Core.Assessment;
using Auditor.Core.Rules;
using Auditor.Reporting;
using Auditor.Rules;
using Spectre.Console;

namespace Auditor.Cli.Commands;

/// <summary>
/// <c>mlaudit assess</c>: walks the criteria a person must attest, shows the automated evidence beside each,
/// and writes the answers to the attestation file. <c>--non-interactive</c> only lists what is unanswered or expired.
/// </summary>
internal sealed class AssessCommand
{
    private readonly Argument<string?> _path = new("path") { Description = "The project folder (default: the current folder).", DefaultValueFactory = _ => null };
    private readonly Option<string?> _config = new("--config") { Description = "The project configuration file (default: .mlaudit.yml in the project folder)." };
    private readonly Option<string?> _owner = new("--owner") { Description = "Who answers (default: the USER environment variable)." };
    private readonly Option<int> _validDays = new("--valid-days") { Description = "How long new answers stay valid.", DefaultValueFactory = _ => 180 };
    private readonly Option<bool> _nonInteractive = new("--non-interactive") { Description = "List what is unanswered or expired; ask nothing and write nothing." };
    private readonly Option<string?> _rules = new("--rules") { Description = "A folder of rule files that add to or override the built-in rules." };

    public Command Build(CliEnvironment environment)
    {
        var command = new Command("assess", "Answer the criteria no file can show (attestations) for a self-assessment.")
        {
            _path, _config, _owner, _validDays, _nonInteractive, _rules,
        };
        command.SetAction(parse => Run(parse, environment));
        return command;
    }

    private int Run(ParseResult parse, CliEnvironment environment)
    {
        var settings = AuditSettings.Create(parse.GetValue(_path), null, [], null, parse.GetValue(_rules), null, environment.CurrentDirectory, parse.GetValue(_config)) with { Policy = OperatorPolicy.Load(null, environment) };
        var report = AuditPipeline.Run(settings, environment);
        var rules = RuleCatalogLoader.Load(settings.RulesDirectory).Rules.Where(r => r.Attestation is not null).ToList();
        var today = DateOnly.FromDateTime(environment.Clock().UtcDateTime);
        var current = settings.Config.Attestations.GroupBy(a => a.RuleId).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var console = environment.Prompts;

        if (parse.GetValue(_nonInteractive))
        {
            var open = rules.Where(r => !current.TryGetValue(r.Id, out var a) || a.IsExpiredOn(today)).ToList();
            foreach (var rule in open)
            {
                var state = current.TryGetValue(rule.Id, out var a) ? $"expired {a.Expires:yyyy-MM-dd}" : "unanswered";
                console.MarkupLineInterpolated($"{rule.Id}  {state,-18} {rule.Attestation!.Question}");
            }

            console.MarkupLineInterpolated($"{open.Count} of {rules.Count} attestable criteria are unanswered or expired.");
            return ExitCodes.Success;
        }

        var owner = parse.GetValue(_owner) ?? environment.Variables("USER") ?? "unknown";
        var validDays = parse.GetValue(_validDays);
        foreach (var rule in rules)
        {
            var finding = report.Findings.FirstOrDefault(f => f.RuleId == rule.Id);
            console.WriteLine();
            console.MarkupLineInterpolated($"[bold]{rule.Id}[/] (level {rule.Level}, {rule.Category}): {rule.Title}");
            if (finding is not null && finding.Basis == Basis.Automated && finding.Outcome != Outcome.Unknown)
            {
                console.MarkupLineInterpolated($"  evidence: {finding.Outcome} - {TerminalText.Clean(finding.Message)}");
            }

            if (current.TryGetValue(rule.Id, out var previous))
            {
                var state = previous.IsExpiredOn(today) ? "expired" : "valid";
                console.MarkupLineInterpolated($"  current answer: {(previous.Answer == AttestationAnswer.Yes ? "yes" : "no")} by {TerminalText.Clean(previous.Owner)} on {previous.Date:yyyy-MM-dd}, {state} until {previous.Expires:yyyy-MM-dd}");
            }

            var answer = console.Prompt(new TextPrompt<string>($"  {Markup.Escape(rule.Attestation!.Question)}")
                .AddChoices(["yes", "no", "skip"])
                .DefaultValue("skip"));
            if (answer == "skip")
            {
                continue;
            }

            var link = console.Prompt(new TextPrompt<string>("  Evidence link (optional):").AllowEmpty());
            current[rule.Id] = new Attestation
            {
                RuleId = rule.Id,
                Answer = answer == "yes" ? AttestationAnswer.Yes : AttestationAnswer.No,
                Owner = owner,
                Date = today,
                Expires = today.AddDays(validDays),
                Evidence = string.IsNullOrWhiteSpace(link) ? null : link.Trim(),
            };
        }

        var file = settings.Config.AttestationsFile ?? Path.Combine(settings.ProjectPath, ProjectConfigLoader.DefaultAttestationsFile);
        AttestationFile.Save(file, current.Values);
        environment.Error.WriteLine($"wrote {file}");
        return ExitCodes.Success;
    }
}
