using System.Text.RegularExpressions;

namespace Auditor.Evidence.Project.TestSuites;

/// <summary>
/// Whether a Python module defines a test that tests something: a <c>test…</c> function or method whose body is more than
/// <c>pass</c>, <c>...</c>, <c>assert True</c>, <c>return</c>, a docstring or comments.
/// </summary>
internal static partial class TestFunctions
{
    public static bool HasRealTest(string text)
    {
        var lines = text.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var header = TestHeader().Match(lines[i]);
            if (!header.Success)
            {
                continue;
            }

            var indent = header.Groups["indent"].Value.Length;
            var end = i;
            while (end < lines.Length - 1 && !HeaderEnd().IsMatch(lines[end]))
            {
                end++;
            }

            var inline = HeaderEnd().Match(lines[end]).Groups["rest"].Value;
            var body = new List<string>(inline.Length > 0 ? [inline] : []);
            for (var j = end + 1; j < lines.Length && (lines[j].Trim().Length == 0 || Indent(lines[j]) > indent); j++)
            {
                body.Add(lines[j]);
            }

            if (body.Select(b => b.Trim()).Where(b => b.Length > 0 && !b.StartsWith('#')).Any(b => !Trivial().IsMatch(b)))
            {
                return true;
            }
        }

        return false;
    }

    private static int Indent(string line) => line.Length - line.TrimStart().Length;

    [GeneratedRegex(@"^(?<indent>[ \t]*)(async\s+)?def\s+test\w*\s*\(")]
    private static partial Regex TestHeader();

    [GeneratedRegex(@"\)\s*(->\s*[^:]+)?:(?<rest>[^#]*)")]
    private static partial Regex HeaderEnd();

    [GeneratedRegex(@"^(pass|\.\.\.|return( None)?|assert\s+(True|1|not\s+False)|(""""""|''')[\s\S]*|[rbuRBU]?(""[^""]*""|'[^']*'))\s*(#.*)?$")]
    private static partial Regex Trivial();
}
