using System.Text.RegularExpressions;
using Auditor.Core.Evidence;

namespace Auditor.Evidence.Project.Environments;

/// <summary>
/// setup.py and setup.cfg: the quoted requirement strings of <c>install_requires</c>. setup.py is Python and
/// is not executed; only a literal list is read.
/// </summary>
internal static partial class SetupReader
{
    public static EnvironmentFile Read(ProjectContext context, ProjectFile file, string text)
    {
        var requirements = new List<Requirement>();
        if (file.Name == "setup.py")
        {
            var block = SetupPyList().Match(text);
            if (block.Success)
            {
                foreach (Match item in QuotedString().Matches(block.Groups["list"].Value))
                {
                    requirements.Add(Pep508.Parse(item.Groups[1].Value, TextLines.LineOf(text, item.Value)) ?? new Requirement(item.Groups[1].Value, "", false, null));
                }
            }
        }
        else
        {
            var lines = TextLines.Split(text);
            var inside = false;
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].TrimEnd('\r');
                if (line.TrimStart().StartsWith("install_requires", StringComparison.Ordinal))
                {
                    inside = true;
                    line = line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..];
                }
                else if (inside && (line.Length == 0 || !char.IsWhiteSpace(line[0])))
                {
                    inside = false;
                }

                if (inside && Pep508.Parse(line.Trim(), i + 1) is { } requirement)
                {
                    requirements.Add(requirement);
                }
            }
        }

        return new EnvironmentFile { Location = context.Locate(file), Kind = "setup", Tool = "setuptools", Requirements = requirements };
    }

    [GeneratedRegex(@"install_requires\s*=\s*\[(?<list>[^\]]*)\]", RegexOptions.Singleline)]
    private static partial Regex SetupPyList();

    [GeneratedRegex("""["']([^"']+)["']""")]
    private static partial Regex QuotedString();
}
