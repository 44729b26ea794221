namespace Auditor.Evidence.Project.Tests;

/// <summary>Named projects for data-driven detector tests: each case is a set of files (path, content).</summary>
internal sealed class Corpus : Dictionary<string, (string Path, string Content)[]>
{
    public TheoryData<string> Names
    {
        get
        {
            var names = new TheoryData<string>();
            foreach (var name in Keys)
            {
                names.Add(name);
            }

            return names;
        }
    }

    public Auditor.Core.Evidence.ProjectEvidence Collect(string name) => ProjectFolder.Of(this[name]);
}
