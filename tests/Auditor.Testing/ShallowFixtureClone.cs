namespace Auditor.Testing;

/// <summary>
/// A fixture cloned with depth 1, as actions/checkout does by default, with the git-ignored tracking store (mlruns,
/// mlflow.db) copied in beside it, so the same store is audited against a history that holds only HEAD.
/// </summary>
public sealed class ShallowFixtureClone : IDisposable
{
    private readonly TempFolder _folder = new();

    public ShallowFixtureClone(string fixturePath)
    {
        GitCli.Run(_folder.Path, "clone", "-q", "--depth", "1", "file://" + fixturePath, "project");
        Path = _folder.Combine("project");
        foreach (var store in new[] { "mlruns", "mlflow.db" })
        {
            var from = System.IO.Path.Combine(fixturePath, store);
            if (File.Exists(from))
            {
                File.Copy(from, System.IO.Path.Combine(Path, store));
            }
            else if (Directory.Exists(from))
            {
                CopyFolder(from, System.IO.Path.Combine(Path, store));
            }
        }
    }

    /// <summary>The shallow clone's working tree.</summary>
    public string Path { get; }

    public static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(to, System.IO.Path.GetRelativePath(from, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose() => _folder.Dispose();
}
