namespace Auditor.Evidence.MLflow.Artifacts;

/// <summary>Counts the requirement lines of a pip <c>requirements.txt</c> and how many are pinned with <c>==</c>.</summary>
internal static class RequirementsFile
{
    public static (int Total, int Pinned) Count(string text)
    {
        var total = 0;
        var pinned = 0;
        using var lines = new StringReader(text);
        while (lines.ReadLine() is { } raw)
        {
            var comment = raw.IndexOf(" #", StringComparison.Ordinal);
            var line = (comment >= 0 ? raw[..comment] : raw).Trim();
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith('-'))
            {
                continue;
            }

            total++;
            if (line.Contains("==", StringComparison.Ordinal) && !line.Contains("===", StringComparison.Ordinal))
            {
                pinned++;
            }
        }

        return (total, pinned);
    }
}
