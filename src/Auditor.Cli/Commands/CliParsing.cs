using System.CommandLine;

namespace Auditor.Cli.Commands;

/// <summary>
/// Unknown options are errors with a suggestion: a PATH argument would otherwise take <c>--quiet</c> as a folder name,
/// and System.CommandLine's own "Unrecognized command or argument" names no alternative.
/// </summary>
internal static class CliParsing
{
    /// <summary>A token like an option given where a PATH goes is an unknown option (a folder named "-x" can be given as ./-x).</summary>
    public static void RefuseOptionLikeArgument(Command command, Argument<string?> argument) =>
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.StartsWith('-') && t.Value != "-"))
            {
                result.AddError(Unknown(token.Value, command));
            }
        });

    /// <summary>"unknown option '--quite' for 'audit'; did you mean '--quiet'?"</summary>
    public static string Unknown(string token, Command command)
    {
        var suggestion = Suggest(token, Names(command));
        return $"unknown {(token.StartsWith('-') ? "option" : "argument")} '{token}' for '{command.Name}'" + (suggestion is null ? "" : $"; did you mean '{suggestion}'?");
    }

    /// <summary>The closest name within two edits (or that the token begins), or null.</summary>
    public static string? Suggest(string token, IEnumerable<string> names)
    {
        var key = token.Split('=')[0];
        return names.Select(name => (name, distance: Distance(key, name)))
            .Where(c => c.distance <= Math.Max(1, Math.Min(2, key.Length / 4)) || (key.Length > 2 && c.name.StartsWith(key, StringComparison.Ordinal)))
            .OrderBy(c => c.distance).ThenBy(c => c.name, StringComparer.Ordinal)
            .Select(c => c.name).FirstOrDefault();
    }

    private static IEnumerable<string> Names(Command command) =>
        command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).Concat(command.Subcommands.Select(c => c.Name)).Where(n => n.Length > 2).Distinct();

    /// <summary>Optimal string alignment distance (a swap of two letters is one edit).</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
