using System.Runtime.CompilerServices;
using System.Text;

namespace Auditor.Testing;

/// <summary>
/// Golden files: compares output with a checked-in file and prints a line diff when they differ. Set
/// MLAUDIT_UPDATE_GOLDEN=1 to rewrite the files from the current output, then review the change with git diff.
/// </summary>
public static class Golden
{
    public const string UpdateVariable = "MLAUDIT_UPDATE_GOLDEN";

    /// <summary>Compares <paramref name="actual"/> with <c>Golden/&lt;name&gt;</c> next to the calling test file.</summary>
    public static void AssertMatches(string name, string actual, [CallerFilePath] string callerFile = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(callerFile)!, "Golden", name);
        actual = actual.ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"golden file {path} is missing; run the tests with {UpdateVariable}=1 to create it");
        }

        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected != actual)
        {
            throw new InvalidOperationException($"output differs from golden file {path} (- golden, + actual; refresh with {UpdateVariable}=1):\n{Diff(expected, actual)}");
        }
    }

    /// <summary>A plain line diff: lines only in the golden file (-) and only in the output (+), in order, with context.</summary>
    public static string Diff(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var diff = new StringBuilder();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                diff.Append("  ").AppendLine(a[x]);
                x++;
                y++;
            }
            else if (y < b.Length && (x == a.Length || lcs[x, y + 1] >= lcs[x + 1, y]))
            {
                diff.Append("+ ").AppendLine(b[y++]);
            }
            else
            {
                diff.Append("- ").AppendLine(a[x++]);
            }
        }

        return diff.ToString();
    }
}
