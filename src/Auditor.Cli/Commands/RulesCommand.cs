using System.CommandLine;
using Auditor.Core.Facts;
using Auditor.Rules;

namespace Auditor.Cli.Commands;

/// <summary><c>mlaudit rules list|show|verify|facts|docs</c>: the rule catalogue in the terminal.</summary>
internal sealed class RulesCommand
{
    private readonly Option<string?> _rules = new("--rules")
    {
        Description = "A folder of rule files that add to or override the built-in rules.",
    };

    public Command Build(CliEnvironment environment)
    {
        var command = new Command("rules", "List, show, verify and document the rules.");
        command.Subcommands.Add(List(environment));
        command.Subcommands.Add(Show(environment));
        command.Subcommands.Add(Verify(environment));
        command.Subcommands.Add(Facts(environment));
        command.Subcommands.Add(Docs(environment));
        return command;
    }

    private RuleCatalog Load(ParseResult parse, CliEnvironment environment) =>
        RuleCatalogLoader.Load(parse.GetValue(_rules) is { } dir ? Path.GetFullPath(dir, environment.CurrentDirectory) : null);

    private Command List(CliEnvironment environment)
    {
        var command = new Command("list", "List the rules in force, by level.") { _rules };
        command.SetAction(parse =>
        {
            foreach (var rule in Load(parse, environment).Rules.OrderBy(r => r.Level).ThenBy(r => r.Id, StringComparer.Ordinal))
            {
                environment.Out.WriteLine($"{rule.Id}  L{rule.Level}  {rule.Category,-16} {(rule.Required ? "required" : "        ")}  {rule.Title}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private Command Show(CliEnvironment environment)
    {
        var id = new Argument<string>("id") { Description = "The rule id (e.g. MLA-0003) or slug." };
        var command = new Command("show", "Show one rule's documentation.") { id, _rules };
        command.SetAction(parse =>
        {
            var wanted = parse.GetValue(id)!;
            var rule = Load(parse, environment).Rules.FirstOrDefault(r =>
                string.Equals(r.Id, wanted, StringComparison.OrdinalIgnoreCase) || string.Equals(r.Slug, wanted, StringComparison.OrdinalIgnoreCase));
            if (rule is null)
            {
                environment.Error.WriteLine($"mlaudit: error: no rule '{wanted}' (see 'mlaudit rules list')");
                return ExitCodes.InputError;
            }

            environment.Out.WriteLine($"{rule.Id}");
            environment.Out.Write(RuleDocumentation.Describe(rule));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Verify(CliEnvironment environment)
    {
        var folder = new Argument<string?>("folder") { Description = "A rules folder (default: the built-in rules).", DefaultValueFactory = _ => null };
        var command = new Command("verify", "Validate rule files (schema, unique ids, known facts) and evaluate every rule's examples.") { folder };
        command.SetAction(parse =>
        {
            var rules = parse.GetValue(folder) is { } dir
                ? RuleCatalogLoader.LoadDirectory(Path.GetFullPath(dir, environment.CurrentDirectory)).Rules
                : RuleCatalogLoader.Load().Rules;
            var problems = RuleVerifier.Verify(rules);
            foreach (var problem in problems)
            {
                environment.Error.WriteLine($"mlaudit: {problem}");
            }

            environment.Out.WriteLine($"{rules.Count} rules, {rules.Sum(r => r.Examples.Count)} examples, {problems.Count} failing");
            return problems.Count == 0 ? ExitCodes.Success : ExitCodes.InputError;
        });
        return command;
    }

    private static Command Facts(CliEnvironment environment)
    {
        var command = new Command("facts", "List the fact names rules may use.");
        command.SetAction(_ =>
        {
            foreach (var fact in FactCatalog.Descriptors)
            {
                environment.Out.WriteLine($"{fact.Name,-36} {fact.Type,-7} {fact.Description}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private Command Docs(CliEnvironment environment)
    {
        var output = new Option<string?>("--output", "-o") { Description = "Write the catalogue to this file instead of standard output." };
        var command = new Command("docs", "Generate the rule catalogue in Markdown (docs/rules.md).") { output, _rules };
        command.SetAction(parse =>
        {
            var markdown = RuleDocumentation.Catalogue(Load(parse, environment));
            if (parse.GetValue(output) is { } file)
            {
                File.WriteAllText(Path.GetFullPath(file, environment.CurrentDirectory), markdown);
            }
            else
            {
                environment.Out.Write(markdown);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
